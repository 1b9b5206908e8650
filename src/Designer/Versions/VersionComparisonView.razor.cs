using AiPlusTasks.Designer.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Versions;

/// <summary>Renders a <see cref="VersionComparison"/>; activity types and input names are shown in the UI language.</summary>
public sealed partial class VersionComparisonView
{
    [Parameter]
    [EditorRequired]
    public VersionComparison Comparison { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    // Kinds that always have a before and an after (a missing side is shown as —).
    private static bool IsPair(VersionChange change) =>
        change.Kind is ChangeKind.NameChanged or ChangeKind.DescriptionChanged or ChangeKind.ActivityRenamed or ChangeKind.InputChanged;

    private static string Subject(VersionChange change) => change.Kind == ChangeKind.InputChanged && change.Detail is { } input
        ? $"{change.Subject} · {DesignerText.Get("Input-" + input) ?? input}"
        : change.Subject;

    private static string Shown(VersionChange change, string text) =>
        change.Kind is ChangeKind.ActivityAdded or ChangeKind.ActivityRemoved or ChangeKind.ActivityTypeChanged
            ? DesignerText.Get("Type-" + text) ?? text
            : text;
}
