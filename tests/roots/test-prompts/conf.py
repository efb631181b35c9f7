extensions = ['snippetcheck']
snippetcheck_external = False
# the project's own prompts: a shell's, and another program's
snippetcheck_prompts = [r'stack> ', (r'gluster> ', 'gluster')]
