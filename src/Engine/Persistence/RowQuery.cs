namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// A SELECT of rows of <typeparamref name="T"/> for <see cref="RowReader"/>: equality on the properties in
/// <see cref="Where"/> (values given when it runs, in that order), the properties it reads (all when
/// <see cref="Select"/> is null; the others keep their defaults), and an optional ascending order. Declare each query
/// once (a static field): its SQL is built on first use and kept.
/// </summary>
internal sealed class RowQuery<T>(IReadOnlyList<string> where, IReadOnlyList<string>? select = null, string? orderBy = null)
    where T : class
{
    public IReadOnlyList<string> Where { get; } = where;

    public IReadOnlyList<string>? Select { get; } = select;

    public string? OrderBy { get; } = orderBy;
}
