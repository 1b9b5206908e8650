using System.Globalization;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Designer.Versions;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Pages;

/// <summary>A definition's version history and a comparison of two of its versions.</summary>
public sealed partial class VersionHistory
{
    private IReadOnlyList<DefinitionVersionSummary> _versions = [];
    private int _from;
    private int _to;
    private VersionComparison? _comparison;
    private string? _error;

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
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _caller = await DesignerCaller.OfAsync(AuthenticationState);
        try
        {
            if (!await DesignerCaller.LoadAsync(Navigation, async () => _versions = await Store.ListVersionsAsync(_caller, DefinitionId)))
            {
                return;
            }
        }
        catch (NotFoundException e)
        {
            _error = e.Message;
            return;
        }

        _to = _versions[^1].Version;
        _from = _versions.Count > 1 ? _versions[^2].Version : _to;
        await CompareAsync();
    }

    private async Task PickAsync(ChangeEventArgs e, bool isFrom)
    {
        if (!int.TryParse(e.Value?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return;
        }

        if (isFrom)
        {
            _from = version;
        }
        else
        {
            _to = version;
        }

        await CompareAsync();
    }

    private async Task CompareAsync()
    {
        var before = await Store.GetAsync(_caller!, DefinitionId, _from);
        var after = await Store.GetAsync(_caller!, DefinitionId, _to);
        _comparison = DefinitionComparison.Compare(before, after);
    }

    private string StatusText(DefinitionVersionSummary version)
    {
        var status = version.IsPublished ? T["VersionsPublished"].Value : T["VersionsDraft"].Value;
        return version.IsLatest ? $"{status} · {T["VersionsLatest"].Value}" : status;
    }

    private string ChinaTime(DateTimeOffset value) => EngineTime.Format(value, EngineOptions.Value);
}
