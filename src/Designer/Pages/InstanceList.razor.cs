using System.Globalization;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Pages;

/// <summary>
/// A definition's instances through <see cref="WorkflowRuntime.ListAsync(Caller, InstanceQuery, CancellationToken)"/>
/// (as <c>GET /api/workflow-instances</c> lists them), with the definition's versions to filter by.
/// </summary>
public sealed partial class InstanceList
{
    private const int PageSize = 20;

    private IReadOnlyList<DefinitionVersionSummary> _versions = [];
    private Page<InstanceSummary> _page = new([], 0, 1, PageSize);
    private WorkflowStatus? _status;
    private int? _version;
    private string? _text;
    private int _pageNumber = 1;
    private string? _error;
    private Caller? _caller;

    /// <summary>The definition whose instances are listed.</summary>
    [Parameter]
    public string DefinitionId { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private WorkflowDefinitionStore Store { get; set; } = default!;

    [Inject]
    private WorkflowRuntime Runtime { get; set; } = default!;

    [Inject]
    private DisplayNames Names { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    /// <summary>The latest version's name (what planners call the workflow), else its id.</summary>
    private string DefinitionName => _versions.Count > 0 && _versions[^1].Name is { } name ? name : DefinitionId;

    private int PageCount => Math.Max(1, (_page.TotalCount + PageSize - 1) / PageSize);

    protected override async Task OnParametersSetAsync()
    {
        _caller = await DesignerCaller.OfAsync(AuthenticationState);
        try
        {
            await DesignerCaller.LoadAsync(Navigation, async () =>
            {
                _versions = await Store.ListVersionsAsync(_caller, DefinitionId);
                await LoadAsync();
            });
        }
        catch (NotFoundException e)
        {
            _error = e.Message;
        }
    }

    private Task LoadAsync() => LoadPageAsync(_pageNumber);

    private async Task LoadPageAsync(int number)
    {
        _page = await Runtime.ListAsync(_caller!, new InstanceQuery(DefinitionId, _status, Page: number, PageSize: PageSize, Version: _version, Text: _text));
        _pageNumber = number;
    }

    /// <summary>Applies a changed filter and goes back to the first page.</summary>
    private Task FilterAsync(Action change)
    {
        change();
        return LoadPageAsync(1);
    }

    private Task GoToAsync(int number) => LoadPageAsync(Math.Clamp(number, 1, PageCount));

    private static WorkflowStatus? ParseStatus(object? value) =>
        Enum.TryParse<WorkflowStatus>(value?.ToString(), out var status) ? status : null;

    private static int? ParseVersion(object? value) =>
        int.TryParse(value?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private string ChinaTime(DateTimeOffset value) => EngineTime.Format(value, EngineOptions.Value);
}
