// The designer's only JavaScript, reached through CanvasInterop.

// Where the canvas's content starts on the page (inside its border), so a drop's client coordinates can be turned into
// canvas coordinates, and how big it is, so the graph can be fitted into it.
export function bounds(element) {
    const r = element.getBoundingClientRect();
    return { left: r.left + element.clientLeft, top: r.top + element.clientTop, width: element.clientWidth, height: element.clientHeight };
}

// Moving nodes and panning capture the pointer on the canvas, so a drag that leaves it keeps its moves and its release.
// This runs in the browser at pointerdown: a capture asked for from .NET would arrive a round trip late. Drawing a link
// (a press on a port) is not captured: its release must reach the node under the pointer.
export function capturePointers(element) {
    element.addEventListener("pointerdown", e => {
        if (e.button === 0 && !e.target.closest(".canvas-port")) {
            element.setPointerCapture(e.pointerId);
        }
    });
}

// Tells the canvas component its content size now and after every change (a window resize, a panel opening), so it can
// keep the graph fitted and the minimap right. A call that fails (the component or circuit is gone) stops the watching.
export function observeSize(element, canvas) {
    const observer = new ResizeObserver(() => {
        canvas.invokeMethodAsync("OnCanvasResized", element.clientWidth, element.clientHeight).catch(() => observer.disconnect());
    });
    observer.observe(element);
}
