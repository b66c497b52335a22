"""The repository's install files: bootstrap, constraints, environment.yml and the shipped JupyterLab extension."""
