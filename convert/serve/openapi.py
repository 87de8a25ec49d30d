"""The OpenAPI 3.1 description of the API, served at ``GET /openapi.json``."""

from __future__ import annotations

from typing import Any

from convert.serve.store import TOKEN


def _error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = headers
    return response


def openapi_document(max_size: int) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "pubconvert",
            "version": "1",
            "description": "Convert the plain text of a Dutch parliamentary paper into tagged PDF (PDF/UA-1), "
            "DOCX, EPUB 3, semantic HTML and the document model as JSON.",
        },
        "paths": {
            "/api/convert": {
                "post": {
                    "summary": "Convert one paper",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "file": {
                                            "type": "string",
                                            "format": "binary",
                                            "maxLength": max_size,
                                            "description": "the paper's text (.txt): UTF-8, UTF-16/32 with BOM, "
                                            "Windows-1252 or Latin-1, as the CLI reads it",
                                        },
                                        "text": {"type": "string", "description": "pasted text, when no file is sent"},
                                        "formats": {
                                            "type": "string",
                                            "example": "pdf,html",
                                            "description": "comma list as the CLI's -t; default all",
                                        },
                                        "style": {"type": "string", "enum": ["default", "large-print"]},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "Converted. With Accept: application/zip, every file as one ZIP.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Result"}},
                                "application/zip": {"schema": {"type": "string", "format": "binary"}},
                            },
                        },
                        "400": _error("Empty or undecodable input, an unknown format or style."),
                        "413": _error(f"The upload is larger than the server's --max-size ({max_size} bytes)."),
                        "415": _error("An image, a PDF (until PDF input exists) or another binary file."),
                        "500": _error("The worker converting it crashed (it is replaced); a bug to report."),
                        "503": _error(
                            "All workers are busy and the queue is full.",
                            {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}},
                        ),
                        "504": _error("The conversion passed the server's per-request time limit."),
                    },
                }
            },
            "/api/files/{token}/{name}": {
                "get": {
                    "summary": "Download one converted file, or {stem}.zip for all of them",
                    "parameters": [
                        {
                            "name": "token",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": TOKEN.pattern},
                        },
                        {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}},
                    ],  # fmt: skip
                    "responses": {"200": {"description": "The file, as an attachment"}, "404": _error("Expired.")},
                }
            },
            "/healthz": {"get": {"summary": "The server is up", "responses": {"200": {"description": "Up"}}}},
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string", "description": "one line: path: what — what to do"}},
                },
                "Result": {
                    "type": "object",
                    "required": ["outputs", "diagnostics", "meta"],
                    "properties": {
                        "outputs": {
                            "type": "object",
                            "additionalProperties": {"type": "string", "format": "uri"},
                            "description": "format -> download URL under /api/files/",
                        },
                        "zip": {"type": "string", "format": "uri"},
                        "page": {"type": "string", "format": "uri"},
                        "expires_in": {"type": "integer", "description": "seconds the files are kept"},
                        "meta": {"type": "object"},
                        "outline": {"type": "array", "items": {"type": "object"}},
                        "notes": {"type": "array", "items": {"type": "object"}},
                        "diagnostics": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "severity": {"type": "string"},
                                    "message": {"type": "string"},
                                    "line": {"type": ["integer", "null"]},
                                },
                            },
                        },
                        "accessibility": {"type": "object", "description": "format -> checks that ran on it"},
                    },  # fmt: skip
                },
            }
        },
    }
