extensions = ['snippetcheck']
snippetcheck_external = True
