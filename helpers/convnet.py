"""The article's convolutional network (notebook 06): its one definition, built in tflearn, its shapes and
multiply-adds counted from that definition, what the trained network says, and its layers re-done in numpy to
show there is no magic inside.

tflearn is never imported here (only helpers/tflearn_setup.py does that): functions that need it take the
module as an argument. How it is trained: helpers/settings.py, weight_averaging.py, progress.py.
"""

import math
from dataclasses import dataclass

import numpy as np

from helpers import validate
from helpers.neural import finite_differences  # noqa: F401 (05's one finite-difference loop, used here too)

# The article's network, layer by layer: notebook 06 shows the article's own lines, and a test checks that they
# build the same network as build_article_network() below.
IMAGE_SHAPE = (28, 28, 1)
KERNEL = 3  # conv_2d(network, filters, 3, activation='relu', regularizer="L2"): 3x3 filters, 'same' padding
POOL = 2  # max_pool_2d(network, 2) after each convolution, then local_response_normalization
CONV_FILTERS = (32, 64)
DENSE = ((128, "tanh"), (256, "tanh"), (10, "softmax"))  # fully_connected layers; dropout(0.8) after the tanh ones
KEEP = 0.8  # dropout's keep probability
LEARNING_RATE = 0.01  # regression(optimizer='adam', learning_rate=0.01, loss='categorical_crossentropy')


def build_article_network(tflearn, optimizer=None):
    """Return the article's convnet up to its regression layer, built in tflearn from the definition above.

    optimizer: None for the article's Adam at 0.01 (what notebook 06 trains); or another TFLearn optimizer.
    """
    network = tflearn.input_data(shape=[None, *IMAGE_SHAPE], name="input")
    for filters in CONV_FILTERS:
        network = tflearn.conv_2d(network, filters, KERNEL, activation="relu", regularizer="L2")
        network = tflearn.max_pool_2d(network, POOL)
        network = tflearn.local_response_normalization(network)
    for units, activation in DENSE:
        network = tflearn.fully_connected(network, units, activation=activation)
        if activation != "softmax":
            network = tflearn.dropout(network, KEEP)
    if optimizer is None:
        return tflearn.regression(network, optimizer="adam", learning_rate=LEARNING_RATE,
                                  loss="categorical_crossentropy", name="target")
    return tflearn.regression(network, optimizer=optimizer, loss="categorical_crossentropy", name="target")


@dataclass(frozen=True)
class Layer:
    """One weighted layer of the network for one image: what comes in, what it computes, what goes on."""

    kind: str  # "conv_2d" or "fully_connected"
    size: int  # filters or units
    input_shape: tuple
    values: int  # the numbers the layer computes, each a sum of fan_in products
    fan_in: int
    output_shape: tuple  # what the next layer sees (after max_pool_2d for a convolution)

    @property
    def name(self):
        """The layer as notebook 06 prints it, e.g. 'conv_2d 32 filters 3x3'."""
        if self.kind == "conv_2d":
            return f"conv_2d {self.size} filters {KERNEL}x{KERNEL}"
        return f"{self.kind} {self.size}"

    @property
    def multiply_adds(self):
        """Multiply-adds for one image: every value computed is a sum over fan_in products."""
        return self.values * self.fan_in

    @property
    def parameters(self):
        """Weights and biases: fan_in weights for each filter or unit, and one bias each."""
        return self.fan_in * self.size + self.size


def layer_shapes(image_shape=IMAGE_SHAPE):
    """Return the network's weighted layers for one image (a Layer each): shapes, multiply-adds and parameters.

    A 'same' convolution computes h*w*filters values, each a sum over KERNEL*KERNEL*channels inputs; max_pool_2d
    divides each side by POOL (rounding up); a dense layer computes `units` values, each a sum over all its inputs.
    """
    h, w, c = (validate.number(n, "image_shape", integer=True, minimum=1) for n in image_shape)
    layers = []
    for filters in CONV_FILTERS:
        pooled = (math.ceil(h / POOL), math.ceil(w / POOL), filters)
        layers.append(Layer("conv_2d", filters, (h, w, c), h * w * filters, KERNEL * KERNEL * c, pooled))
        h, w, c = pooled
    inputs = h * w * c
    for units, _ in DENSE:
        layers.append(Layer("fully_connected", units, (inputs,), units, inputs, (units,)))
        inputs = units
    return layers


def forward_flops(image_shape=IMAGE_SHAPE):
    """Return the article's network's multiply-adds per image, layer by layer: [(name, multiply-adds)]."""
    return [(layer.name, layer.multiply_adds) for layer in layer_shapes(image_shape)]


def forward_flop_per_image(image_shape=IMAGE_SHAPE):
    """Return the FLOPs of one image's forward pass: 2 per multiply-add (a multiply and an add). Pooling, LRN,
    activations, dropout and the softmax are left out: they are a few operations per value, not hundreds."""
    return 2 * sum(multiply_adds for _, multiply_adds in forward_flops(image_shape))


def training_flop_per_image():
    """Return the FLOPs to train on one image: 3 forward passes' worth (forward; gradients of inputs and weights)."""
    return 3 * forward_flop_per_image()


def training_flop_per_epoch(images=None):
    """Return the FLOPs of one training epoch over `images` images (None: the article's 55,000, about 1.4 TFLOP)."""
    from helpers.mnist import TRAIN_IMAGES

    images = TRAIN_IMAGES if images is None else validate.number(images, "images", integer=True, minimum=1)
    return images * training_flop_per_image()


def _network_input(images):
    """Return images as float32, refusing MNIST images that mnist.as_network_input has not prepared yet."""
    images = np.asarray(images)
    if images.ndim == 3 and images.shape[1:] == IMAGE_SHAPE[:2]:
        raise ValueError(f"images have shape {images.shape}, as load_mnist() returns them: the network takes "
                         "(n, 28, 28, 1) pixels scaled to 0-1; pass them through mnist.as_network_input first.")
    if images.ndim == 4 and images.shape[1:] == IMAGE_SHAPE and images.size and images.max() > 1:
        raise ValueError(f"images hold pixels up to {images.max()}, but the network was trained on pixels scaled to "
                         "0-1: pass them through mnist.as_network_input first.")
    return images.astype(np.float32)


def predict_probabilities(model, images, batch_size=1000):
    """Return model.predict(images) as one (n, 10) array, computed batch by batch to keep memory small."""
    validate.number(batch_size, "batch_size", integer=True, minimum=1)
    images = _network_input(images)
    parts = [np.asarray(model.predict(images[i:i + batch_size])) for i in range(0, len(images), batch_size)]
    return np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)


def confusion_matrix(true_labels, predicted_labels, n_classes=10):
    """Return the n_classes x n_classes counts: row = true digit, column = predicted digit."""
    true_labels = np.asarray(true_labels, dtype=int)
    predicted_labels = np.asarray(predicted_labels, dtype=int)
    if true_labels.shape != predicted_labels.shape or true_labels.ndim != 1:
        raise ValueError(f"true_labels and predicted_labels must be two lists of the same length; got shapes "
                         f"{true_labels.shape} and {predicted_labels.shape}.")
    for name, labels in (("true_labels", true_labels), ("predicted_labels", predicted_labels)):
        if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
            raise ValueError(f"{name} must hold whole numbers from 0 to {n_classes - 1}.")
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (true_labels, predicted_labels), 1)
    return matrix


def parameter_table(variables):
    """Return [(name, shape, count)] for TensorFlow variables (or anything with .name and .shape)."""
    rows = []
    for variable in variables:
        shape = tuple(int(d) for d in variable.shape)
        rows.append((variable.name.split(":")[0], shape, int(np.prod(shape, dtype=np.int64))))
    return rows


def predict_with_dropout(tflearn, model, images):
    """Return the network's probabilities with dropout switched on, as during training (each call differs)."""
    images = _network_input(images)
    tflearn.is_training(True, session=model.session)
    try:
        return model.session.run(model.net, feed_dict={model.inputs[0]: images})
    finally:
        tflearn.is_training(False, session=model.session)


# ---- the network's layers in numpy: for the filter figure, the exercise check and the tests ----

def _maps(x, name="x"):
    """Return x as a float array of feature maps (n, height, width, channels)."""
    x = validate.array(x, name, non_empty=False)
    if x.ndim != 4:
        raise ValueError(f"{name} must be maps of shape (n, height, width, channels), got shape {x.shape}; one grey "
                         f"image is image[None, :, :, None].")
    return x


def conv2d_same(x, weights, bias):
    """Return a 'same'-padded, stride-1 convolution of x (n, h, w, c) with weights (k, k, c, filters)."""
    x = _maps(x)
    weights = validate.array(weights, "weights")
    if weights.ndim != 4 or weights.shape[0] != weights.shape[1]:
        raise ValueError(f"weights must be square filters of shape (k, k, channels, filters), as TensorFlow stores "
                         f"them, got shape {weights.shape}.")
    if weights.shape[2] != x.shape[3]:
        raise ValueError(f"weights have {weights.shape[2]} channel(s) but x has {x.shape[3]}: each filter needs a "
                         f"k x k grid of weights for every channel coming in, shape (k, k, {x.shape[3]}, filters).")
    bias = validate.array(bias, "bias", shape=(weights.shape[3],))
    k = weights.shape[0]
    pad = (k - 1) // 2
    padded = np.pad(x, ((0, 0), (pad, k - 1 - pad), (pad, k - 1 - pad), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (k, k), axis=(1, 2))  # (n, h, w, c, k, k)
    return np.einsum("nhwcij,ijcf->nhwf", windows, weights, optimize=True) + bias


def check_kernel(kernel, name="kernel"):
    """Return a filter as a square 2-d float array with an odd side (3 x 3, 5 x 5, ...)."""
    kernel = validate.array(kernel, name)
    if kernel.ndim != 2 or kernel.shape[0] != kernel.shape[1] or kernel.shape[0] % 2 == 0:
        raise ValueError(f"{name} must be a square filter with an odd side, such as 3 x 3 "
                         f"[[-1, -1, -1], [0, 0, 0], [1, 1, 1]]; got shape {kernel.shape}.")
    return kernel


def feature_map(image, kernel, bias=0.0):
    """Return the 'same'-padded, stride-1 convolution of one image with one k x k filter, plus bias (shape kept)."""
    image, kernel = validate.image(image), check_kernel(kernel)
    bias = validate.number(bias, "bias")
    return conv2d_same(image[None, :, :, None], kernel[:, :, None, None], np.array([bias]))[0, :, :, 0]


def max_pool(x, size=POOL):
    """Return the maximum over size x size blocks of x (n, h, w, c), padding odd edges as TensorFlow's 'same'."""
    x = _maps(x)
    size = validate.number(size, "size", integer=True, minimum=1)
    n, h, w, c = x.shape
    ph, pw = -h % size, -w % size
    x = np.pad(x, ((0, 0), (0, ph), (0, pw), (0, 0)), constant_values=-np.inf)
    return x.reshape(n, (h + ph) // size, size, (w + pw) // size, size, c).max(axis=(2, 4))


def local_response_normalization(x, depth_radius=5, bias=1.0, alpha=0.0001, beta=0.75):
    """Return x divided by (bias + alpha * sum of squares over 2*depth_radius+1 neighbouring channels) ** beta."""
    x = _maps(x)
    depth_radius = validate.number(depth_radius, "depth_radius", integer=True, minimum=0)
    squares = np.pad(x**2, ((0, 0), (0, 0), (0, 0), (depth_radius, depth_radius)))
    window = np.lib.stride_tricks.sliding_window_view(squares, 2 * depth_radius + 1, axis=3).sum(axis=-1)
    return x / (bias + alpha * window) ** beta


# ---- backward, in numpy: the gradients notebook 06 derives before the network trains ----

def filter_gradient(image, output_gradient, k=KERNEL):
    """Return the loss's gradient w.r.t. a 'same' k x k filter: the padded image correlated with the map's gradient.

    For y[i, j] = sum over a, b of w[a, b] * padded[i + a, j + b], the slope of the loss along w[a, b] is the sum over
    i, j of output_gradient[i, j] * padded[i + a, j + b]: every output the weight took part in, times the pixel it met.
    """
    image = validate.image(image)
    output_gradient = validate.array(output_gradient, "output_gradient")
    if output_gradient.shape != image.shape:
        raise ValueError(f"output_gradient must have the feature map's shape, which is the image's {image.shape} "
                         f"for a 'same' convolution; got shape {output_gradient.shape}.")
    k = validate.number(k, "k", integer=True, minimum=1)
    if k % 2 == 0:
        raise ValueError(f"k must be odd (3, 5, ...), as for every 'same' filter here; got {k}.")
    padded = np.pad(image, k // 2)
    windows = np.lib.stride_tricks.sliding_window_view(padded, image.shape)  # [a, b] = padded[a:a+h, b:b+w]
    return np.einsum("abij,ij->ab", windows, output_gradient)


def input_gradient(kernel, output_gradient):
    """Return the loss's gradient w.r.t. the image of a 'same' convolution: the map's gradient, convolved with w.

    Pixel x[p, q] met w[a, b] at output (p - a + k // 2, q - b + k // 2), so its slope is the sum over a, b of
    w[a, b] * output_gradient[p - a + k // 2, q - b + k // 2]: the zero-padded gradient, slid under the filter turned
    round (flipped 180 degrees), which is feature_map(output_gradient, kernel[::-1, ::-1]).
    """
    kernel = check_kernel(kernel)
    output_gradient = validate.image(output_gradient, "output_gradient")
    return feature_map(output_gradient, kernel[::-1, ::-1])


def shift(image, rows, columns):
    """Return one image moved down `rows` and right `columns` pixels (negative: up, left), blank paper filling in."""
    image = validate.image(image)
    rows = validate.number(rows, "rows", integer=True)
    columns = validate.number(columns, "columns", integer=True)
    h, w = image.shape
    moved = np.zeros_like(image)
    if abs(rows) < h and abs(columns) < w:
        moved[max(rows, 0):h + min(rows, 0), max(columns, 0):w + min(columns, 0)] = \
            image[max(-rows, 0):h + min(-rows, 0), max(-columns, 0):w + min(-columns, 0)]
    return moved
