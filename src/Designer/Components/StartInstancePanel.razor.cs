using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Components;

/// <summary>
/// Starts an instance of a definition's latest published version through <see cref="WorkflowRuntime.StartAsync(Caller, StartWorkflowRequest, CancellationToken)"/>
/// (as <c>POST /api/workflow-instances</c> does), with the input the form is generated for: that version's declared
/// workflow inputs.
/// </summary>
public sealed partial class StartInstancePanel
{
    private WorkflowInputForm? _form;
    private IReadOnlyList<WorkflowInputProblem> _problems = [];
    private InstanceView? _started;
    private string? _error;
    private bool _busy;
    private (string DefinitionId, int Version)? _loaded;

    /// <summary>The definition to start.</summary>
    [Parameter]
    [EditorRequired]
    public string DefinitionId { get; set; } = "";

    /// <summary>Its latest published version: the one that runs, and whose inputs the form asks for.</summary>
    [Parameter]
    [EditorRequired]
    public int PublishedVersion { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private WorkflowDefinitionStore Store { get; set; } = default!;

    [Inject]
    private WorkflowRuntime Runtime { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (DefinitionId, PublishedVersion))
        {
            return;
        }

        _loaded = (DefinitionId, PublishedVersion);
        var published = await Store.GetAsync(await DesignerCaller.OfAsync(AuthenticationState), DefinitionId, PublishedVersion);
        _form = new WorkflowInputForm(published.Inputs, TimeZoneInfo.FindSystemTimeZoneById(EngineOptions.Value.TimeZone));
        _problems = [];
    }

    private async Task StartAsync()
    {
        _error = null;
        _started = null;
        var (input, problems) = _form!.Build();
        _problems = problems;
        if (input is null)
        {
            return;
        }

        _busy = true;
        try
        {
            _started = await Runtime.StartAsync(await DesignerCaller.OfAsync(AuthenticationState), new StartWorkflowRequest(DefinitionId, input, Version: PublishedVersion));
        }
        catch (Exception e) when (e is ConflictException or NotFoundException or ForbiddenException)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
