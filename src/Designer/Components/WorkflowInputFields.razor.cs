using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Planning;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Components;

/// <summary>The fields of a <see cref="WorkflowInputForm"/>, with each problem of the last attempt to read it under its field.</summary>
public sealed partial class WorkflowInputFields
{
    private const int PlanPageSize = 100;

    private IReadOnlyList<PlanSummary> _plans = [];

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

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private PlanService Plans { get; set; } = default!;

    [Inject]
    private Catalog Catalog { get; set; } = default!;

    [Inject]
    private DisplayNames Names { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // The plan picker offers the plans the signed-in planner may read (as GET /api/plans gives them).
        if (Form.Fields.Any(f => f.Kind == WorkflowInputKind.Plan))
        {
            _plans = (await Plans.ListAsync(await DesignerCaller.OfAsync(AuthenticationState), 1, PlanPageSize)).Items;
        }
    }

    /// <summary>A picker says what it offers by itself; the definition's description (which speaks of codes) is for typed fields.</summary>
    private static bool IsPicker(WorkflowInputKind kind) =>
        kind is WorkflowInputKind.Agency or WorkflowInputKind.Agencies or WorkflowInputKind.Plan or WorkflowInputKind.Pillar or WorkflowInputKind.DateTime
            or WorkflowInputKind.Choice;

    private string? ProblemOf(string? field) => Problems.FirstOrDefault(p => p.Field == field) switch
    {
        null => null,
        { Kind: WorkflowInputProblemKind.InvalidJson } p => T["StartInputInvalidJson", p.Line, p.Detail ?? ""].Value,
        { Kind: WorkflowInputProblemKind.NotAnObject } => T["StartInputNotAnObject"].Value,
        { Kind: WorkflowInputProblemKind.NotADateTime } => T["PickerNotADateTime"].Value,
        _ => T["InvalidNumber"].Value,
    };
}
