"""AddaxAI Connect model tooling (dev only; services never import this package).

Modules: catalog (catalog.yaml loader), fetch (download/build/copy a model),
convert (.pt -> ONNX, optional torch extra), build_demo (the two demo ONNX models),
demo_detector / demo_classifier (their graphs), palette (the shared colour table),
synthetic + camera_exif (synthetic camera-trap JPEGs with ground truth and EXIF).
"""

__version__ = "0.1.0"
