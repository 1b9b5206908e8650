using System.Text.Encodings.Web;
using System.Text.Json;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AiPlusTasks.Designer.Pages;

/// <summary>
/// Edits the latest version of a definition. The graph is validated by the engine's validator after every change.
/// Save draft imports the edited definition (the store replaces an unpublished latest version, or adds version N+1
/// after a published one), problems and all, so unfinished work is kept. Publish first checks the edited definition
/// with the same validator: with problems it stores nothing (no draft, no version), says how many there are and selects
/// the first one's node; without, it saves the draft and publishes it (the store validates again and refuses too).
/// Once a version is published, Start instance opens a <see cref="StartInstancePanel"/> for the latest published version.
/// A definition whose root is not a flowchart (valid in Elsa 3: a Sequence, one activity) is shown read-only, as JSON.
/// Test run opens a <see cref="TestRunPanel"/> that runs the draft as edited, in memory, and lights its path on the canvas.
/// </summary>
public sealed partial class DefinitionEditor : IDisposable
{
    private const int DefinitionNamesPageSize = 500;

    // Shown as text (Blazor encodes it for HTML), so Chinese is written as itself, not as \u escapes.
    private static readonly JsonSerializerOptions ReadableJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private WorkflowDefinition? _definition;
    private GraphEditor? _editor;
    private DesignerCanvas? _canvas;
    private string? _selectedId;
    private string? _draggedType;
    private IReadOnlyList<ValidationProblem> _problems = [];
    private string? _loadError;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private bool _busy;
    private int? _publishedVersion;
    private bool _starting;
    private string? _readOnlyJson;
    private bool _testing;
    private InstanceTrace? _testTrace;
    private int _revision;
    private IReadOnlyDictionary<string, string> _definitionNames = new Dictionary<string, string>();

    /// <summary>The definition's stable id (Elsa's <c>definitionId</c>).</summary>
    [Parameter]
    public string DefinitionId { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private WorkflowDefinitionStore Store { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private Caller? _caller;

    [Inject]
    private DefinitionValidator Validator { get; set; } = default!;

    [Inject]
    private DefinitionGraphMapper Mapper { get; set; } = default!;

    [Inject]
    private ActivityCatalog Catalog { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    private DesignerNode? SelectedNode => _selectedId is null ? null : _editor?.Graph.FindNode(_selectedId);

    public void Dispose()
    {
        if (_editor is not null)
        {
            _editor.Changed -= OnChanged;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_definition?.DefinitionId == DefinitionId)
        {
            return;
        }

        _caller = await DesignerCaller.OfAsync(AuthenticationState);
        try
        {
            await DesignerCaller.LoadAsync(Navigation, async () =>
            {
                var definition = await Store.GetAsync(_caller, DefinitionId);

                // Definitions usable as activities may have changed since (another planner, another node): the palette and
                // the validator see them as they are now.
                await Store.RefreshActivityTypesAsync();
                Load(definition);
                _publishedVersion = (await Store.ListVersionsAsync(_caller, DefinitionId)).LastOrDefault(v => v.IsPublished)?.Version;
            });
        }
        catch (NotFoundException e)
        {
            _loadError = e.Message;
        }
    }

    private void Load(WorkflowDefinition definition)
    {
        if (_editor is not null)
        {
            _editor.Changed -= OnChanged;
        }

        _definition = definition;
        if (definition.Root.Type != ActivityTypes.Flowchart)
        {
            // The canvas edits a flowchart's activities and connections; any other root (valid in Elsa 3) is shown as JSON.
            _editor = null;
            _readOnlyJson = WorkflowDefinitionJson.ToJson(definition).ToJsonString(ReadableJson);
            _problems = Validator.Validate(definition);
            return;
        }

        _readOnlyJson = null;
        _editor = new GraphEditor(Mapper.ToGraph(definition), Catalog);
        _editor.Changed += OnChanged;
        Validate();
    }

    private WorkflowDefinition Edited() => DefinitionGraphMapper.ToDefinition(_editor!.Graph, _definition!);

    private void Validate() => _problems = _definition is null ? [] : Validator.Validate(Edited());

    private void OnChanged()
    {
        _revision++;
        Validate();
        StateHasChanged();
    }

    private async Task AddAsync(string type)
    {
        var node = _editor!.AddNode(type);
        _selectedId = node.Id;
        if (_canvas is not null)
        {
            await _canvas.SelectAsync(node.Id);
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

    private async Task<bool> SaveAsync()
    {
        var json = WorkflowDefinitionJson.Write(Edited());
        try
        {
            var saved = await Store.ImportAsync(_caller!, json, "designer");
            _definition = saved;
            return true;
        }
        catch (DefinitionFormatException e)
        {
            Say(e.Message, Severity.Error);
        }

        return false;
    }

    private async Task SaveDraftAsync()
    {
        _busy = true;
        try
        {
            if (await SaveAsync())
            {
                Say(
                    _problems.Count == 0 ? T["DraftSaved", _definition!.Version] : T["DraftSavedWithProblems", _definition!.Version, _problems.Count],
                    _problems.Count == 0 ? Severity.Success : Severity.Warning);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PublishAsync()
    {
        if (_problems.Count > 0)
        {
            await RefusePublishingAsync();
            return;
        }

        _busy = true;
        try
        {
            if (await SaveAsync())
            {
                _definition = await Store.PublishAsync(_caller!, _definition!.DefinitionId);
                _publishedVersion = _definition.Version;
                Say(T["PublishedVersion", _definition.Version], Severity.Success);
            }
        }
        catch (DefinitionValidationException e)
        {
            _problems = e.Problems;
            Say(T["PublishRefused", _definition!.Version, e.Problems.Count], Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RefusePublishingAsync()
    {
        var first = _problems.Select(p => p.ActivityId is { } id ? _editor!.Graph.FindNode(id) : null).OfType<DesignerNode>().FirstOrDefault();
        Say(
            first is null ? T["PublishNeedsFixes", _problems.Count] : T["PublishNeedsFixesAt", _problems.Count, first.DisplayText],
            Severity.Error);
        if (first is not null)
        {
            await SelectAsync(first.Id);
        }
    }

    private async Task ToggleTestRunAsync()
    {
        if (_testing)
        {
            CloseTestRun();
            return;
        }

        // Child workflows are named by their definitions' names; the names are read once, when the panel opens.
        var definitions = await Store.ListAsync(_caller!, 1, DefinitionNamesPageSize);
        _definitionNames = definitions.Items.ToDictionary(d => d.DefinitionId, d => d.Name ?? d.DefinitionId, StringComparer.Ordinal);
        _testing = true;

        // The path the run takes must be in view: the whole graph is fitted into the canvas.
        if (_canvas is not null)
        {
            await _canvas.FitAsync();
        }
    }

    private void CloseTestRun()
    {
        _testing = false;
        _testTrace = null;
    }

    private void Say(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }
}
