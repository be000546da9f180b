"""Plain-PyTorch detectors with the exact output layouts of MegaDetector v5 and ultralytics YOLOv8+.

No download, no ultralytics, no yolov5 checkout: the networks are written out here, module for module,
after the upstream model definitions (YOLOv5 v6.0 ``yolov5*6.yaml`` P6 models, which MegaDetector v5
and MDv1000-redwood are; ultralytics ``yolov8.yaml``, whose head MDv1000-cedar/larch/sorrel share),
so their compute cost is that of the real models. Weights are random but fixed (seeded), with the
batch-norm statistics calibrated on one seeded random image so activations stay in a realistic range
and the scores spread instead of all sitting at 0.5.

    from addax_models.architectures import build
    net = build("yolov8s", imgsz=640)      # torch.nn.Module in eval mode
    net(torch.zeros(1, 3, 640, 640)).shape  # torch.Size([1, 7, 8400])

Output layouts (what ``services/detection`` decodes; ``output_format`` metadata):

- ``yolov5`` (MegaDetector v5, MDv1000-redwood/spruce): [N, 3 * sum((S / s)^2 for s in strides), 5 + C]
  = cx, cy, w, h (input pixels), objectness, C class scores (all after the sigmoid). For the P6 models at
  1280 (strides 8, 16, 32, 64): 3 * (160^2 + 80^2 + 40^2 + 20^2) = 102000 rows; at 640: 25500.
- ``yolov8`` (ultralytics v8/v9/v11, MDv1000-cedar/larch/sorrel): [N, 4 + C, sum((S / s)^2)] =
  cx, cy, w, h then the C class scores, no objectness; 8400 anchors at 640 (strides 8, 16, 32).

torch is imported at module import: this module is only for the optional ``convert`` extra.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import nn

LAYOUT_YOLOV5 = "yolov5"
LAYOUT_YOLOV8 = "yolov8"
DEFAULT_CLASSES = ("animal", "person", "vehicle")
# Random weights, tamed: batch-norm scale 0.3 keeps activations in SiLU's near-linear range, so float32
# rounding does not grow chaotically with depth (with scale 1 a random YOLOv5n6's outputs differ by
# 0.16 px between float32 and float64); the head's output convolutions are scaled by HEAD_GAIN so that
# scores still spread over 0..1 instead of all sitting near the bias.
BN_SCALE = 0.3
HEAD_GAIN = 8.0


@dataclass(frozen=True)
class Spec:
    family: str  # "yolov5p6" | "yolov8"
    depth: float
    width: float
    max_channels: int = 1024
    imgsz: int = 640  # the size the real model runs at

    @property
    def layout(self) -> str:
        return LAYOUT_YOLOV5 if self.family == "yolov5p6" else LAYOUT_YOLOV8


# The YOLOv5 P6 scales (v6.0) and the ultralytics YOLOv8 scales. "mdv5" is MegaDetector v5's YOLOv5x6.
SPECS: dict[str, Spec] = {
    "yolov5n6": Spec("yolov5p6", 0.33, 0.25, imgsz=1280),
    "yolov5s6": Spec("yolov5p6", 0.33, 0.50, imgsz=1280),
    "yolov5m6": Spec("yolov5p6", 0.67, 0.75, imgsz=1280),
    "yolov5l6": Spec("yolov5p6", 1.0, 1.0, imgsz=1280),
    "yolov5x6": Spec("yolov5p6", 1.33, 1.25, imgsz=1280),
    "mdv5": Spec("yolov5p6", 1.33, 1.25, imgsz=1280),
    "yolov8n": Spec("yolov8", 0.33, 0.25, 1024),
    "yolov8s": Spec("yolov8", 0.33, 0.50, 1024),
    "yolov8m": Spec("yolov8", 0.67, 0.75, 768),
    "yolov8l": Spec("yolov8", 1.0, 1.0, 512),
    "yolov8x": Spec("yolov8", 1.0, 1.25, 512),
}


class DetectorNet(nn.Module):
    """What ``build`` returns: the network plus what it is (layout, input size, labels, name)."""

    layout: str
    imgsz: int
    labels: tuple[str, ...]
    arch: str


def build(
    name: str,
    imgsz: int | None = None,
    classes: Sequence[str] = DEFAULT_CLASSES,
    seed: int = 0,
    calibrate: bool = True,
) -> DetectorNet:
    """The named network with seeded random weights, in eval mode (``net.layout``, ``net.imgsz``,
    ``net.labels`` say what it is). ``imgsz`` defaults to the size the real model runs at."""
    if name not in SPECS:
        raise ValueError(f"unknown architecture {name!r}; known: {', '.join(SPECS)}")
    spec = SPECS[name]
    size = imgsz or spec.imgsz
    torch.manual_seed(seed)
    net: DetectorNet = YoloV5P6(spec, len(classes)) if spec.family == "yolov5p6" else YoloV8(spec, len(classes))
    net.layout, net.imgsz, net.labels, net.arch = spec.layout, size, tuple(classes), name
    if calibrate:
        _calibrate(net, size, seed)
    return net.eval()


def expected_shape(name: str, imgsz: int, n_classes: int = 3, batch: int = 1) -> tuple[int, int, int]:
    """The output shape of ``build(name, imgsz)`` on a batch, from the layout rules alone."""
    spec = SPECS[name]
    if spec.family == "yolov5p6":
        return batch, 3 * sum((imgsz // s) ** 2 for s in (8, 16, 32, 64)), 5 + n_classes
    return batch, 4 + n_classes, sum((imgsz // s) ** 2 for s in (8, 16, 32))


@torch.no_grad()
def _calibrate(net: nn.Module, imgsz: int, seed: int) -> None:
    """Batch-norm running statistics from one forward pass on a seeded noise image with letterbox bands
    (momentum None = plain average): every layer then sees activations of a set scale, as in a trained
    network, on both textured and flat input."""
    generator = torch.Generator().manual_seed(seed + 1)
    image = torch.rand(1, 3, imgsz, imgsz, generator=generator)
    band = imgsz // 5  # letterbox bands of the services' grey (114): real inputs have them
    image[:, :, :band] = image[:, :, -band:] = 114 / 255
    norms = [m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    for m in norms:
        m.weight.fill_(BN_SCALE)
        m.reset_running_stats()
        m.momentum = None
    net.train()
    net(image)
    for m in norms:
        m.momentum = 0.03
    for conv in _head_outputs(net):
        conv.weight.mul_(HEAD_GAIN)
    net.eval()


def _head_outputs(net: nn.Module) -> list[nn.Conv2d]:
    """The last convolution of each detect branch (what produces the raw box and score logits)."""
    for m in net.modules():
        if isinstance(m, DetectV5):
            return list(m.m)  # type: ignore[arg-type]
        if isinstance(m, DetectV8):
            return [branch[-1] for branch in (*m.cv2, *m.cv3)]
    return []


# --------------------------------------------------------------------------- shared building blocks
def _divisible(x: float, divisor: int = 8) -> int:
    return int(math.ceil(x / divisor) * divisor)


def _depth(n: int, gain: float) -> int:
    return max(round(n * gain), 1) if n > 1 else n


class Conv(nn.Module):
    """Conv2d (no bias) + BatchNorm (eps 1e-3, as both upstreams set it) + SiLU."""

    def __init__(self, c1: int, c2: int, k: int = 1, s: int = 1, p: int | None = None) -> None:
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2 if p is None else p, bias=False)
        self.bn = nn.BatchNorm2d(c2, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.bn(self.conv(x)))


class Bottleneck(nn.Module):
    def __init__(self, c1: int, c2: int, shortcut: bool = True, k: tuple[int, int] = (1, 3), e: float = 0.5) -> None:
        super().__init__()
        hidden = int(c2 * e)
        self.cv1 = Conv(c1, hidden, k[0], 1)
        self.cv2 = Conv(hidden, c2, k[1], 1)
        self.add = shortcut and c1 == c2

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class SPPF(nn.Module):
    def __init__(self, c1: int, c2: int, k: int = 5) -> None:
        super().__init__()
        hidden = c1 // 2
        self.cv1 = Conv(c1, hidden, 1, 1)
        self.cv2 = Conv(hidden * 4, c2, 1, 1)
        self.m = nn.MaxPool2d(kernel_size=k, stride=1, padding=k // 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.cv1(x)
        y1 = self.m(x)
        y2 = self.m(y1)
        return self.cv2(torch.cat((x, y1, y2, self.m(y2)), 1))


# --------------------------------------------------------------------------- YOLOv5 P6 (MegaDetector v5)
class C3(nn.Module):
    def __init__(self, c1: int, c2: int, n: int = 1, shortcut: bool = True) -> None:
        super().__init__()
        hidden = int(c2 * 0.5)
        self.cv1 = Conv(c1, hidden, 1, 1)
        self.cv2 = Conv(c1, hidden, 1, 1)
        self.cv3 = Conv(2 * hidden, c2, 1)
        self.m = nn.Sequential(*(Bottleneck(hidden, hidden, shortcut, (1, 3), e=1.0) for _ in range(n)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.cv3(torch.cat((self.m(self.cv1(x)), self.cv2(x)), 1))


P6_ANCHORS = (
    (19, 27, 44, 40, 38, 94),  # P3/8
    (96, 68, 86, 152, 180, 137),  # P4/16
    (140, 301, 303, 264, 238, 542),  # P5/32
    (436, 615, 739, 380, 925, 792),  # P6/64
)
P6_STRIDES = (8, 16, 32, 64)


class DetectV5(nn.Module):
    """YOLOv5's Detect in export mode: the decoded [N, A, 5 + C] tensor."""

    def __init__(self, n_classes: int, channels: Sequence[int]) -> None:
        super().__init__()
        self.no = n_classes + 5
        self.na = 3
        self.m = nn.ModuleList(nn.Conv2d(c, self.na * self.no, 1) for c in channels)
        self.register_buffer("anchors", torch.tensor(P6_ANCHORS, dtype=torch.float32).view(4, 3, 2))
        for conv, stride in zip(self.m, P6_STRIDES, strict=True):  # YOLOv5's _initialize_biases
            bias = conv.bias.view(self.na, -1)
            with torch.no_grad():
                bias[:, 4] += math.log(8 / (640 / stride) ** 2)
                bias[:, 5:] += math.log(0.6 / (n_classes - 0.99)) if n_classes > 1 else 0.0

    def forward(self, feats: list[torch.Tensor]) -> torch.Tensor:
        out = []
        for i, x in enumerate(feats):
            x = self.m[i](x)
            bs, _, ny, nx = x.shape
            y = x.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2).sigmoid()
            yv, xv = torch.meshgrid(
                torch.arange(ny, device=y.device).float(),  # float32 Range: ONNX has no float16 Range
                torch.arange(nx, device=y.device).float(),
                indexing="ij",
            )
            grid = (torch.stack((xv, yv), 2).view(1, 1, ny, nx, 2) - 0.5).to(y.dtype)
            anchor = self.anchors[i].to(y.dtype).view(1, self.na, 1, 1, 2)
            xy = (y[..., :2] * 2 + grid) * P6_STRIDES[i]
            wh = (y[..., 2:4] * 2) ** 2 * anchor
            out.append(torch.cat((xy, wh, y[..., 4:]), -1).view(bs, self.na * nx * ny, self.no))
        return torch.cat(out, 1)


class YoloV5P6(DetectorNet):
    def __init__(self, spec: Spec, n_classes: int) -> None:
        super().__init__()

        def ch(c: int) -> int:
            return _divisible(min(c, spec.max_channels) * spec.width)

        def d(n: int) -> int:
            return _depth(n, spec.depth)

        c64, c128, c256, c512, c768, c1024 = (ch(c) for c in (64, 128, 256, 512, 768, 1024))
        self.b0 = Conv(3, c64, 6, 2, 2)
        self.b1 = Conv(c64, c128, 3, 2)
        self.b2 = C3(c128, c128, d(3))
        self.b3 = Conv(c128, c256, 3, 2)
        self.b4 = C3(c256, c256, d(6))  # P3
        self.b5 = Conv(c256, c512, 3, 2)
        self.b6 = C3(c512, c512, d(9))  # P4
        self.b7 = Conv(c512, c768, 3, 2)
        self.b8 = C3(c768, c768, d(3))  # P5
        self.b9 = Conv(c768, c1024, 3, 2)
        self.b10 = C3(c1024, c1024, d(3))
        self.b11 = SPPF(c1024, c1024, 5)
        self.h12 = Conv(c1024, c768, 1, 1)
        self.h15 = C3(c768 * 2, c768, d(3), False)
        self.h16 = Conv(c768, c512, 1, 1)
        self.h19 = C3(c512 * 2, c512, d(3), False)
        self.h20 = Conv(c512, c256, 1, 1)
        self.h23 = C3(c256 * 2, c256, d(3), False)  # out P3
        self.h24 = Conv(c256, c256, 3, 2)
        self.h26 = C3(c256 * 2, c512, d(3), False)  # out P4
        self.h27 = Conv(c512, c512, 3, 2)
        self.h29 = C3(c512 * 2, c768, d(3), False)  # out P5
        self.h30 = Conv(c768, c768, 3, 2)
        self.h32 = C3(c768 * 2, c1024, d(3), False)  # out P6
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.detect = DetectV5(n_classes, (c256, c512, c768, c1024))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p3 = self.b4(self.b3(self.b2(self.b1(self.b0(x)))))
        p4 = self.b6(self.b5(p3))
        p5 = self.b8(self.b7(p4))
        x12 = self.h12(self.b11(self.b10(self.b9(p5))))
        x16 = self.h16(self.h15(torch.cat((self.up(x12), p5), 1)))
        x20 = self.h20(self.h19(torch.cat((self.up(x16), p4), 1)))
        o3 = self.h23(torch.cat((self.up(x20), p3), 1))
        o4 = self.h26(torch.cat((self.h24(o3), x20), 1))
        o5 = self.h29(torch.cat((self.h27(o4), x16), 1))
        o6 = self.h32(torch.cat((self.h30(o5), x12), 1))
        return self.detect([o3, o4, o5, o6])


# --------------------------------------------------------------------------- ultralytics YOLOv8
class C2f(nn.Module):
    def __init__(self, c1: int, c2: int, n: int = 1, shortcut: bool = False) -> None:
        super().__init__()
        self.c = int(c2 * 0.5)
        self.cv1 = Conv(c1, 2 * self.c, 1, 1)
        self.cv2 = Conv((2 + n) * self.c, c2, 1)
        self.m = nn.ModuleList(Bottleneck(self.c, self.c, shortcut, (3, 3), e=1.0) for _ in range(n))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = list(self.cv1(x).chunk(2, 1))
        for m in self.m:
            y.append(m(y[-1]))
        return self.cv2(torch.cat(y, 1))


class DFL(nn.Module):
    """Distribution focal loss integral: expected value of 16 bins, as a fixed 1x1 convolution."""

    def __init__(self, bins: int = 16) -> None:
        super().__init__()
        self.conv = nn.Conv2d(bins, 1, 1, bias=False).requires_grad_(False)
        self.conv.weight.data[:] = torch.arange(bins, dtype=torch.float32).view(1, bins, 1, 1)
        self.bins = bins

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, a = x.shape
        return self.conv(x.view(b, 4, self.bins, a).transpose(2, 1).softmax(1)).view(b, 4, a)


V8_STRIDES = (8, 16, 32)


class DetectV8(nn.Module):
    """ultralytics Detect (v8 head) at inference: [N, 4 + C, A], boxes cx, cy, w, h in input pixels."""

    def __init__(self, n_classes: int, channels: Sequence[int], reg_max: int = 16) -> None:
        super().__init__()
        self.nc, self.reg_max = n_classes, reg_max
        c2 = max(16, channels[0] // 4, reg_max * 4)
        c3 = max(channels[0], min(n_classes, 100))
        self.cv2 = nn.ModuleList(
            nn.Sequential(Conv(c, c2, 3), Conv(c2, c2, 3), nn.Conv2d(c2, 4 * reg_max, 1)) for c in channels
        )
        self.cv3 = nn.ModuleList(
            nn.Sequential(Conv(c, c3, 3), Conv(c3, c3, 3), nn.Conv2d(c3, n_classes, 1)) for c in channels
        )
        self.dfl = DFL(reg_max)
        for a, b, stride in zip(self.cv2, self.cv3, V8_STRIDES, strict=True):  # ultralytics bias_init
            with torch.no_grad():
                a[-1].bias[:] = 1.0
                b[-1].bias[:n_classes] = math.log(5 / n_classes / (640 / stride) ** 2)

    def forward(self, feats: list[torch.Tensor]) -> torch.Tensor:
        bs = feats[0].shape[0]
        outs, points, strides = [], [], []
        for i, x in enumerate(feats):
            outs.append(torch.cat((self.cv2[i](x), self.cv3[i](x)), 1).view(bs, 4 * self.reg_max + self.nc, -1))
            _, _, h, w = x.shape
            sy, sx = torch.meshgrid(
                torch.arange(h, device=x.device).float() + 0.5,  # float32 Range (see DetectV5)
                torch.arange(w, device=x.device).float() + 0.5,
                indexing="ij",
            )
            points.append(torch.stack((sx, sy), -1).view(-1, 2).to(x.dtype))
            strides.append(torch.full((h * w, 1), float(V8_STRIDES[i]), dtype=x.dtype, device=x.device))
        anchors = torch.cat(points).transpose(0, 1).unsqueeze(0)  # [1, 2, A]
        stride = torch.cat(strides).transpose(0, 1)  # [1, A]
        y = torch.cat(outs, 2)
        box, cls = y.split((4 * self.reg_max, self.nc), 1)
        lt, rb = self.dfl(box).chunk(2, 1)
        x1y1, x2y2 = anchors - lt, anchors + rb
        xywh = torch.cat(((x1y1 + x2y2) / 2, x2y2 - x1y1), 1) * stride
        return torch.cat((xywh, cls.sigmoid()), 1)


class YoloV8(DetectorNet):
    def __init__(self, spec: Spec, n_classes: int) -> None:
        super().__init__()

        def ch(c: int) -> int:
            return _divisible(min(c, spec.max_channels) * spec.width)

        def d(n: int) -> int:
            return _depth(n, spec.depth)

        c64, c128, c256, c512, c1024 = (ch(c) for c in (64, 128, 256, 512, 1024))
        self.b0 = Conv(3, c64, 3, 2)
        self.b1 = Conv(c64, c128, 3, 2)
        self.b2 = C2f(c128, c128, d(3), True)
        self.b3 = Conv(c128, c256, 3, 2)
        self.b4 = C2f(c256, c256, d(6), True)  # P3
        self.b5 = Conv(c256, c512, 3, 2)
        self.b6 = C2f(c512, c512, d(6), True)  # P4
        self.b7 = Conv(c512, c1024, 3, 2)
        self.b8 = C2f(c1024, c1024, d(3), True)
        self.b9 = SPPF(c1024, c1024, 5)
        self.h12 = C2f(c1024 + c512, c512, d(3))
        self.h15 = C2f(c512 + c256, c256, d(3))  # out P3
        self.h16 = Conv(c256, c256, 3, 2)
        self.h18 = C2f(c256 + c512, c512, d(3))  # out P4
        self.h19 = Conv(c512, c512, 3, 2)
        self.h21 = C2f(c512 + c1024, c1024, d(3))  # out P5
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.detect = DetectV8(n_classes, (c256, c512, c1024))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p3 = self.b4(self.b3(self.b2(self.b1(self.b0(x)))))
        p4 = self.b6(self.b5(p3))
        p5 = self.b9(self.b8(self.b7(p4)))
        x12 = self.h12(torch.cat((self.up(p5), p4), 1))
        o3 = self.h15(torch.cat((self.up(x12), p3), 1))
        o4 = self.h18(torch.cat((self.h16(o3), x12), 1))
        o5 = self.h21(torch.cat((self.h19(o4), p5), 1))
        return self.detect([o3, o4, o5])
