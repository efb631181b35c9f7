extensions = ['snippetcheck']
snippetcheck_external = False
snippetcheck_context = 'toctree'
