using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.TestRuns;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AiPlusTasks.Designer.Components;

/// <summary>
/// Test run (试运行) of the editor's draft through <see cref="TestRunner"/>: the planner fills in the workflow inputs,
/// runs the draft in memory, and steps through its waits — raises an event (with optional JSON data), lets a timer pass,
/// completes a human task with sample data generated from its form schema (<see cref="TaskForm"/>), or completes a child
/// workflow with an output. The panel shows the journal with each activity's name, what it wrote and its outcome, the
/// changes a real run would have made (never made here), and after every step hands the path taken to
/// <see cref="OnTraceChanged"/> so the canvas lights it. Nothing is written to the database.
/// </summary>
public sealed partial class TestRunPanel
{
    private WorkflowInputForm? _inputForm;
    private IReadOnlyList<WorkflowInputProblem> _inputProblems = [];
    private TestRun? _run;
    private int _runRevision;
    private string? _error;
    private readonly Dictionary<string, string> _payloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskForm> _taskForms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<WorkflowInputProblem>> _waitProblems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _waitErrors = new(StringComparer.Ordinal);

    /// <summary>The draft as the editor has it now; read when the planner runs it.</summary>
    [Parameter]
    [EditorRequired]
    public Func<WorkflowDefinition> Draft { get; set; } = default!;

    /// <summary>The editor's graph: the run's path is traced over it for the canvas.</summary>
    [Parameter]
    [EditorRequired]
    public DesignerGraph Graph { get; set; } = default!;

    /// <summary>How many validation problems the draft has; running needs none. Default 0.</summary>
    [Parameter]
    public int ProblemCount { get; set; }

    /// <summary>Counts the editor's changes; a run older than the current revision is marked stale. Default 0.</summary>
    [Parameter]
    public int DraftRevision { get; set; }

    /// <summary>Names of the stored definitions by definition id, for child workflows. Default none (ids are shown).</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string> DefinitionNames { get; set; } = new Dictionary<string, string>();

    /// <summary>Raised after every step with the path to light on the canvas; null when the run is discarded.</summary>
    [Parameter]
    public EventCallback<InstanceTrace?> OnTraceChanged { get; set; }

    /// <summary>Raised when a journal line or a wait's name is clicked, with its activity id.</summary>
    [Parameter]
    public EventCallback<string> OnSelectActivity { get; set; }

    /// <summary>Raised when the planner closes the panel.</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    /// <summary>The run on show, for tests; null before the first run.</summary>
    public TestRun? Run => _run;

    [Inject]
    private TestRunner Runner { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    private AgencyDirectory? Agencies => Services.GetService<AgencyDirectory>();

    protected override void OnInitialized() => _inputForm = NewInputForm(null);

    /// <summary>
    /// A form for the draft's inputs as they are now: each field starts from the value typed in <paramref name="previous"/>,
    /// else from the input's sample, so a first run needs no typing.
    /// </summary>
    private WorkflowInputForm NewInputForm(WorkflowInputForm? previous)
    {
        var form = new WorkflowInputForm(Draft().Inputs, TimeZoneInfo.FindSystemTimeZoneById(EngineOptions.Value.TimeZone));
        foreach (var field in form.Fields)
        {
            if (previous?.Values.GetValueOrDefault(field.Name) is { } typed)
            {
                form.Values[field.Name] = typed;
            }
            else if (form.SampleValue(field) is { } sample)
            {
                form.Values[field.Name] = sample;
            }
        }

        form.Json = previous?.Json ?? form.Json;
        return form;
    }

    private async Task StartAsync()
    {
        _error = null;
        var (input, problems) = _inputForm!.Build();
        _inputProblems = problems;
        if (input is null)
        {
            return;
        }

        try
        {
            _run = Runner.Start(Draft(), input);
            _runRevision = DraftRevision;
        }
        catch (DefinitionValidationException e)
        {
            _error = T["TestRunNeedsNoProblems", e.Problems.Count];
            return;
        }

        ForgetWaits();
        await TraceAsync();
    }

    /// <summary>Discards the run and shows the input form again, for the draft's inputs as they are now (values kept by name).</summary>
    private async Task RestartAsync()
    {
        _inputForm = NewInputForm(_inputForm);
        _inputProblems = [];
        _run = null;
        _error = null;
        ForgetWaits();
        await OnTraceChanged.InvokeAsync(null);
    }

    private async Task RaiseEventAsync(TestRunWait wait)
    {
        var text = _payloads.GetValueOrDefault(wait.Id, "");
        JsonNode? payload = null;
        if (!string.IsNullOrWhiteSpace(text) && !TryParse(text, out payload, out var line))
        {
            _waitErrors[wait.Id] = T["TestRunInvalidJson", line];
            return;
        }

        await StepAsync(() => _run!.RaiseEvent(wait.EventName!, payload));
    }

    private Task PassTimerAsync(TestRunWait wait) => StepAsync(() => _run!.PassTimer(wait.Id));

    private async Task CompleteTaskAsync(TestRunWait wait, string outcome)
    {
        var form = TaskFormOf(wait);
        var (data, problems) = form.Build();
        _waitProblems[wait.Id] = problems;
        _waitErrors.Remove(wait.Id);
        if (data is null)
        {
            return;
        }

        try
        {
            await StepAsync(() => _run!.CompleteTask(wait.Id, outcome, data));
        }
        catch (RequestValidationException e)
        {
            // The engine names each refused value by its JSON pointer (data/field); a missing property is reported on the
            // object itself. Its messages are English, so the panel says it in the planner's language instead.
            _waitProblems[wait.Id] = [.. e.Errors.Keys
                .Where(k => k.StartsWith("data/", StringComparison.Ordinal))
                .Select(k => new WorkflowInputProblem(k["data/".Length..].Split('/')[0], WorkflowInputProblemKind.DoesNotMatch))];
            _waitErrors[wait.Id] = T["TestRunTaskRefused"];
        }
    }

    private async Task CompleteChildAsync(TestRunWait wait)
    {
        var text = _payloads.GetValueOrDefault(wait.Id, "");
        JsonNode? output = null;
        if (!string.IsNullOrWhiteSpace(text) && !TryParse(text, out output, out var line))
        {
            _waitErrors[wait.Id] = T["TestRunInvalidJson", line];
            return;
        }

        if (output is not null and not JsonObject)
        {
            _waitErrors[wait.Id] = T["TestRunChildOutputNotAnObject"];
            return;
        }

        await StepAsync(() => _run!.CompleteChild(wait.Id, output as JsonObject));
    }

    private async Task StepAsync(Action step)
    {
        step();
        ForgetWaits();
        await TraceAsync();
    }

    /// <summary>Forgets the state of waits that are gone (their forms, data and errors); the ones still waiting keep theirs.</summary>
    private void ForgetWaits()
    {
        var current = (_run?.Waits ?? []).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _payloads.Keys.Concat(_taskForms.Keys).Concat(_waitProblems.Keys).Concat(_waitErrors.Keys).Where(id => !current.Contains(id)).ToList())
        {
            _payloads.Remove(id);
            _taskForms.Remove(id);
            _waitProblems.Remove(id);
            _waitErrors.Remove(id);
        }
    }

    private Task TraceAsync() => _run is { } run
        ? OnTraceChanged.InvokeAsync(InstanceTrace.Build(Graph, run.Bookmarks, run.Incidents, run.Journal))
        : OnTraceChanged.InvokeAsync(null);

    private TaskForm TaskFormOf(TestRunWait wait)
    {
        if (!_taskForms.TryGetValue(wait.Id, out var form))
        {
            form = new TaskForm(wait.Task?.Schema, wait.Task?.Prefill, ChinaNow);
            _taskForms[wait.Id] = form;
        }

        return form;
    }

    /// <summary>The run's clock (or the engine's, before a run) in the engine's time zone, for sampled dates.</summary>
    private DateTimeOffset ChinaNow => TimeZoneInfo.ConvertTime(_run?.Now ?? Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(EngineOptions.Value.TimeZone));

    private string ChinaTime(DateTimeOffset value) => EngineTime.Format(value, EngineOptions.Value);

    /// <summary>An activity as the planner knows it (<see cref="JournalWords.ActivityName"/>); the root is the whole workflow.</summary>
    private string ActivityName(string activityId) =>
        JournalWords.ActivityName(_run?.Definition ?? Draft(), activityId) ?? T["TestRunWholeWorkflow"];

    /// <summary>A workflow output as the definition declares it (its <c>displayName</c>), else its name.</summary>
    private string OutputLabel(string name) =>
        (_run?.Definition ?? Draft()).Outputs.FirstOrDefault(o => o["name"]?.ToString() == name)?["displayName"]?.ToString() is { Length: > 0 } label ? label : name;

    private bool IsNode(string activityId) => Graph.FindNode(activityId) is not null;

    private string AgencyName(string? code)
    {
        if (code is null)
        {
            return "";
        }

        return Agencies?.Find(code) is { } agency
            ? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? agency.NameZh : agency.NameEn
            : code;
    }

    private string DefinitionName(string definitionId) => DefinitionNames.GetValueOrDefault(definitionId) ?? definitionId;

    private string EscalationText(string action) => T["Escalation-" + action] is { ResourceNotFound: false } text ? text.Value : action;

    private string EffectText(TestRunEffect effect) => effect.Kind switch
    {
        TestRunEffectKind.TaskCreated => T["TestRunEffect-TaskCreated", effect.TaskTitle ?? "", AgencyName(effect.AgencyCode)],
        TestRunEffectKind.TaskCompleted => T["TestRunEffect-TaskCompleted", effect.TaskTitle ?? "", ActivityTypeNames.OutcomeName(effect.Outcome ?? "")],
        TestRunEffectKind.TaskEscalated when effect.TaskTitle is null => T["TestRunEffect-TaskEscalatedOther", EscalationText(effect.Action ?? "")],
        TestRunEffectKind.TaskEscalated => T["TestRunEffect-TaskEscalated", effect.TaskTitle, EscalationText(effect.Action ?? "")],
        TestRunEffectKind.TaskCancelled => T["TestRunEffect-TaskCancelled", effect.TaskTitle ?? ""],
        TestRunEffectKind.ChildStarted => T["TestRunEffect-ChildStarted", DefinitionName(effect.DefinitionId ?? "")],
        _ => T["TestRunEffect-Other"],
    };

    private string ChildText(ChildStart? child)
    {
        if (child is null)
        {
            return "";
        }

        var name = DefinitionName(child.DefinitionId);
        return child.Input["agency"] is JsonValue agency && agency.TryGetValue<string>(out var code)
            ? T["TestRunWaitChildFor", name, AgencyName(code)]
            : T["TestRunWaitChild", name];
    }

    private string? FieldProblem(string waitId, string field) => _waitProblems.GetValueOrDefault(waitId)?.FirstOrDefault(p => p.Field == field) switch
    {
        null => null,
        { Kind: WorkflowInputProblemKind.Required } => T["TestRunFieldRequired"].Value,
        { Kind: WorkflowInputProblemKind.NotANumber } => T["InvalidNumber"].Value,
        { Kind: WorkflowInputProblemKind.InvalidJson } p => T["TestRunInvalidJson", p.Line].Value,
        _ => T["TestRunFieldDoesNotMatch"].Value,
    };

    private static Color StatusColor(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Finished => Color.Success,
        WorkflowStatus.Faulted => Color.Error,
        WorkflowStatus.Suspended => Color.Warning,
        _ => Color.Info,
    };

    private static bool TryParse(string text, out JsonNode? node, out long line)
    {
        try
        {
            node = JsonNode.Parse(text);
            line = 0;
            return true;
        }
        catch (JsonException e)
        {
            node = null;
            line = (e.LineNumber ?? 0) + 1;
            return false;
        }
    }
}
