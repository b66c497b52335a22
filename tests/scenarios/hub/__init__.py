"""A class on a shared machine: a real JupyterHub and real Unix accounts, following docs/jupyterhub.md."""
