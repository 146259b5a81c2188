"""Notebook 06 as committed teaches convolution before it uses it (issue 12) and finishes what it teaches (issue 13):
the by-hand cells come before the network, the numpy rebuild uses them, every figure has a caption, and the
exercises' prose names what their code defines."""

from course_notebooks import cell_index, code_cells, is_checked, load

NOTEBOOK = "06_cnn_mnist.ipynb"


def cells():
    return load(NOTEBOOK).cells


def index_of(text, cell_type="code"):
    """Return the index of notebook 06's first cell of cell_type that contains text."""
    return cell_index(load(NOTEBOOK), text, cell_type)


def test_convolution_pooling_and_softmax_are_computed_by_hand_before_the_network_is_built():
    network = index_of("conv_2d(network, 32, 3")
    for text in ("total += top_edge[a, b] * window[a, b]", "padded = np.pad(digit, 1)", "def conv_layer(",
                 "def max_pool_2x2(", "def softmax(", "print(f\"{'max_pool_2d(2)'"):
        assert index_of(text) < network, f"{NOTEBOOK}: {text!r} should come before the network is built"


def test_the_by_hand_cells_are_checked_and_have_stored_outputs():
    hand = [cell for cell in code_cells(load(NOTEBOOK)) if cell.get("id", "").startswith("nb06-hand")
            and "plot_filter" not in cell.source]
    assert len(hand) >= 8, f"{NOTEBOOK}: expected the by-hand cells (nb06-hand-*), found {len(hand)}"
    for cell in hand:
        assert is_checked(cell) and cell.get("outputs"), f"{NOTEBOOK}: cell {cell.id} should be checked by nbval"


def test_the_numpy_rebuild_uses_the_learner_visible_layers():
    rebuild = cells()[index_of("def numpy_network(")].source
    for name in ("conv_layer(", "max_pool_2x2(", "softmax("):
        assert name in rebuild, f"{NOTEBOOK}: the numpy rebuild should use step 2's {name[:-1]}"
    assert "convnet.conv2d_same" not in rebuild and "convnet.max_pool" not in rebuild, (
        f"{NOTEBOOK}: the numpy rebuild should not hide the convolution or the pooling in a helper")


def test_every_figure_is_followed_by_a_caption():
    all_cells = cells()
    for i, cell in enumerate(all_cells):
        if cell.cell_type != "code":
            continue
        kinds = {kind for output in cell.get("outputs", []) for kind in output.get("data", {})} - {"text/plain"}
        if not kinds & {"image/png", "application/vnd.jupyter.widget-view+json"}:
            continue
        if kinds == {"application/vnd.jupyter.widget-view+json"} and "play(" not in cell.source \
                and "explorer" not in cell.source:
            continue  # a progress bar or a control without a figure
        following = all_cells[i + 1] if i + 1 < len(all_cells) else None
        assert following is not None and following.cell_type == "markdown" and \
            following.source.startswith("*Look at*"), (
            f"{NOTEBOOK}: the figure of cell {i} ({cell.source[:50]!r}) needs a caption right after it, a markdown "
            "cell starting '*Look at*'")


def test_exercise_prose_names_the_function_its_code_defines():
    all_cells = cells()
    for i, cell in enumerate(all_cells):
        if "exercise" not in cell.get("metadata", {}).get("tags", []):
            continue
        name = cell.source.split("=")[0].strip()
        if name == "answer":
            continue
        prompt = all_cells[i - 1].source if all_cells[i - 1].cell_type == "markdown" else all_cells[i - 2].source
        assert f"`{name}(" in prompt, (
            f"{NOTEBOOK}: the prompt of the exercise defining {name} should name `{name}(...)`")


def test_the_notebook_links_the_notation_page_and_ends_step_7_with_what_to_remember():
    sources = [cell.source for cell in cells()]
    assert any("(../docs/notation.md)" in source for source in sources[:3]), "link docs/notation.md near the top"
    remember = index_of("### What to remember", "markdown")
    discuss = index_of("### Questions to discuss", "markdown")
    came_next = index_of("## 8. What came next", "markdown")
    last_exercise = max(i for i, cell in enumerate(cells()) if "solution" in cell.get("metadata", {}).get("tags", []))
    assert last_exercise < remember < discuss < came_next
