extensions = ['snippetcheck']
# This root tests the static checks; test-external tests the tools.
snippetcheck_external = False
