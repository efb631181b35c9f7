extensions = ['snippetcheck']
snippetcheck_external = True
snippetcheck_context = 'toctree'
snippetcheck_deployment = {
    'nodes': {'controller1': '10.0.0.12', 'controller2': '10.0.0.13',
              'controller3': '10.0.0.14'},
    'vips': {'10.0.0.11': ['<Virtual IP>']},
}
