namespace AiPlusTasks.Designer.Versions;

/// <summary>
/// One readable difference. <paramref name="Subject"/> names what changed (an activity's name or id, a connection as
/// <c>Start —Done→ 人工任务</c>, a variable's name); <paramref name="Detail"/> is the input's JSON name for
/// <see cref="ChangeKind.InputChanged"/>; <paramref name="Before"/> and <paramref name="After"/> are texts, null when absent.
/// </summary>
public sealed record VersionChange(ChangeKind Kind, string Subject, string? Before = null, string? After = null, string? Detail = null);
