using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Components;

/// <summary>The fields of a <see cref="WorkflowInputForm"/>, with each problem of the last attempt to read it under its field.</summary>
public sealed partial class WorkflowInputFields
{
    /// <summary>The form whose values the fields edit.</summary>
    [Parameter]
    [EditorRequired]
    public WorkflowInputForm Form { get; set; } = default!;

    /// <summary>The problems of the last attempt to read the form. Default none.</summary>
    [Parameter]
    public IReadOnlyList<WorkflowInputProblem> Problems { get; set; } = [];

    /// <summary>Prefix of the fields' element ids: <c>{prefix}{input name}</c>, and <c>{prefix}json</c> for the JSON box. Default <c>start-input-</c>.</summary>
    [Parameter]
    public string IdPrefix { get; set; } = "start-input-";

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    private string? ProblemOf(string? field) => Problems.FirstOrDefault(p => p.Field == field) switch
    {
        null => null,
        { Kind: WorkflowInputProblemKind.InvalidJson } p => T["StartInputInvalidJson", p.Line, p.Detail ?? ""].Value,
        { Kind: WorkflowInputProblemKind.NotAnObject } => T["StartInputNotAnObject"].Value,
        _ => T["InvalidNumber"].Value,
    };
}
