// The designer's only JavaScript, reached through CanvasInterop: where the canvas element is on the page, so a drop's
// client coordinates can be turned into canvas coordinates.
export function bounds(element) {
    const r = element.getBoundingClientRect();
    return { left: r.left, top: r.top };
}
