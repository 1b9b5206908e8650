// The designer's only JavaScript, reached through CanvasInterop: where the canvas's content starts on the page (inside
// its border), so a drop's client coordinates can be turned into canvas coordinates.
export function bounds(element) {
    const r = element.getBoundingClientRect();
    return { left: r.left + element.clientLeft, top: r.top + element.clientTop };
}
