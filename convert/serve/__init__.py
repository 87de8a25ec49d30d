"""``pubconvert serve``: a web page and an HTTP API around the converter (see docs/serve.md).

``command`` parses the arguments and runs uvicorn, ``app`` holds the Starlette routes, ``pool`` the
warm worker processes, ``work`` what a worker does with an upload, ``store`` the converted files,
``checks`` the accessibility summary, ``texts`` the page's Dutch and English words.
"""
