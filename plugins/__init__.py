"""Built-in plugins, loaded through the `auditor` entry-point group like any third-party plugin."""
