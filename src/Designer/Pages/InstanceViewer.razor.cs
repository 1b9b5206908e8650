using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Pages;

/// <summary>
/// Shows one instance on the graph of the exact definition version it runs (not the latest), read-only, with the
/// states <see cref="InstanceTrace"/> reads from its journal, bookmarks and incidents.
/// </summary>
public sealed partial class InstanceViewer
{
    private const int JournalPageSize = 500;

    private InstanceView? _instance;
    private WorkflowDefinition? _definition;
    private GraphEditor? _editor;
    private InstanceTrace? _trace;
    private IReadOnlyList<JournalEntry> _journal = [];
    private IReadOnlyList<ChildInstanceSummary> _children = [];
    private DesignerCanvas? _canvas;
    private string? _selectedId;
    private string? _loadError;
    private IReadOnlyList<string> _skipOutcomes = [];
    private string? _skipOutcome;
    private string? _incidentReason;
    private string? _incidentError;
    private bool _resolving;

    /// <summary>The workflow instance's id.</summary>
    [Parameter]
    public string InstanceId { get; set; } = "";

    [Inject]
    private WorkflowRuntime Runtime { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private Caller? _caller;

    [Inject]
    private DefinitionGraphMapper Mapper { get; set; } = default!;

    [Inject]
    private ActivityCatalog Catalog { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    [Inject]
    private DisplayNames Names { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_instance?.Id == InstanceId)
        {
            return;
        }

        _loadError = null;
        _instance = null;
        // Instances and journals are for NDRC staff and auditors: the runtime decides, as for GET /api/workflow-instances/{id}.
        _caller = await DesignerCaller.OfAsync(AuthenticationState);
        try
        {
            InstanceView? read = null;
            if (!await DesignerCaller.LoadAsync(Navigation, async () => read = await Runtime.GetAsync(_caller, InstanceId)))
            {
                return;
            }

            _instance = read!;
        }
        catch (NotFoundException)
        {
            _loadError = T["InstanceNotFound", InstanceId];
            return;
        }

        try
        {
            _definition = await Runtime.GetDefinitionOfAsync(_caller, InstanceId);
        }
        catch (NotFoundException)
        {
            _loadError = T["InstanceDefinitionNotFound", _instance!.DefinitionId, _instance.DefinitionVersion];
            return;
        }

        await ShowAsync(_instance!);
    }

    /// <summary>Draws the instance as it is now; a faulted one offers retry and skip to NDRC planners (as the API does).</summary>
    private async Task ShowAsync(InstanceView instance)
    {
        _instance = instance;
        _skipOutcomes = _caller is { IsNdrcPlanner: true } && instance.Status == WorkflowStatus.Faulted
            ? await Runtime.SkipOutcomesAsync(_caller, InstanceId)
            : [];
        _skipOutcome = _skipOutcomes.Count > 0 ? _skipOutcomes[0] : null;
        _journal = await ReadJournalAsync(InstanceId);
        _children = await Runtime.ChildrenAsync(_caller!, InstanceId);
        var graph = Mapper.ToGraph(_definition!);
        _editor = new GraphEditor(graph, Catalog);
        _trace = InstanceTrace.Build(graph, _instance!, _journal);
    }

    private Task RetryAsync() => ResolveAsync(() => Runtime.RetryAsync(_caller!, InstanceId, _incidentReason));

    private Task SkipAsync() => ResolveAsync(() => Runtime.SkipAsync(_caller!, InstanceId, null, _skipOutcome, _incidentReason));

    private async Task ResolveAsync(Func<Task<InstanceView>> resolve)
    {
        _resolving = true;
        _incidentError = null;
        try
        {
            var instance = await resolve();
            _incidentReason = null;
            await ShowAsync(instance);
        }
        catch (RequestValidationException e)
        {
            _incidentError = e.Errors.ContainsKey("reason") ? T["IncidentReasonRequired"] : T["IncidentOutcomeInvalid"];
        }
        catch (ConflictException)
        {
            _incidentError = T["IncidentGone"];
            await ShowAsync(await Runtime.GetAsync(_caller!, InstanceId));
        }
        finally
        {
            _resolving = false;
        }
    }

    private string Resolved(IncidentResolution resolution) => resolution.Outcome is { } outcome
        ? T["IncidentSkipped", resolution.By, ChinaTime(resolution.At), outcome, resolution.Reason ?? ""]
        : T["IncidentRetried", resolution.By, ChinaTime(resolution.At), resolution.Reason ?? ""];

    /// <summary>What an activity is called on the canvas (its display name), rather than its id.</summary>
    private string ActivityName(string activityId) =>
        _definition is null ? activityId : JournalWords.ActivityName(_definition, activityId) ?? T["TestRunWholeWorkflow"];

    /// <summary>
    /// The children by the activity that started them: the activity whose <c>workflowDefinitionId</c> names the
    /// definition a child runs (a fan-out, a child workflow); children of no such activity under the section's own name.
    /// </summary>
    private IEnumerable<(string Label, IReadOnlyList<ChildInstanceSummary> Children)> ChildGroups() =>
        _children.GroupBy(c => c.DefinitionId).Select(group =>
        {
            var starter = _editor!.Graph.Nodes.FirstOrDefault(n => n.GetInput("workflowDefinitionId")?.Text == group.Key);
            return (starter?.DisplayText ?? T["InstanceChildren"].Value, (IReadOnlyList<ChildInstanceSummary>)[.. group]);
        });

    /// <summary>The child's latest reported percent, else its task's state and colour, else that it has no task yet.</summary>
    private string ChildProgress(ChildInstanceSummary child) =>
        child.ProgressPercent is { } percent && child.ReportedAt is { } at ? T["InstanceChildReported", percent, EngineTime.Format(at, EngineOptions.Value)]
        : child.TaskState is { } state ? T["InstanceChildTask", DisplayNames.State(state), DisplayNames.Colour(child.Colour ?? TaskColour.Green)]
        : T["InstanceChildNoTask"];

    private async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(string instanceId)
    {
        var entries = new List<JournalEntry>();
        for (var page = 1; ; page++)
        {
            var items = await Runtime.GetJournalAsync(_caller!, instanceId, page, JournalPageSize);
            entries.AddRange(items.Items);
            if (items.Items.Count < JournalPageSize || entries.Count >= items.TotalCount)
            {
                return entries;
            }
        }
    }

    private async Task SelectAsync(string activityId)
    {
        _selectedId = activityId;
        if (_canvas is not null)
        {
            await _canvas.SelectAsync(activityId);
        }
    }

    private string ChinaTime(DateTimeOffset value) => EngineTime.Format(value, EngineOptions.Value, "yyyy-MM-dd HH:mm:ss");
}
