extensions = ['snippetcheck']
