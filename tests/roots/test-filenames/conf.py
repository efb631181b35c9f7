extensions = ['snippetcheck']
snippetcheck_external = False
