using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Designer.Pages;

/// <summary>The designer's start page: the definitions in the store, and creating, importing and exporting them.</summary>
public sealed partial class DefinitionList
{
    /// <summary>How many definitions the page lists (the store pages them; one page is plenty for the designer).</summary>
    private const int PageSize = 200;

    private IReadOnlyList<DefinitionSummary> _definitions = [];
    private string _newName = "";
    private bool _importing;
    private string _importJson = "";
    private string? _error;
    private (string DefinitionId, string Json)? _export;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private WorkflowDefinitionStore Store { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    [Inject]
    private IOptions<EngineOptions> EngineOptions { get; set; } = default!;

    /// <summary>Elsa 3 JSON for a new flowchart holding only a start activity.</summary>
    public static string EmptyFlowchart(string definitionId, string name) => new JsonObject
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["version"] = 1,
        ["variables"] = new JsonArray(),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(new JsonObject
            {
                ["id"] = "start1",
                ["type"] = "Elsa.Start",
                ["version"] = 1,
                ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
            }),
            ["connections"] = new JsonArray(),
        },
    }.ToJsonString();

    /// <summary>The id stem for a name: lower-case ASCII letters and digits, other runs as one dash.</summary>
    public static string IdStem(string name)
    {
        var id = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                id.Append(c);
            }
            else if (id.Length > 0 && id[^1] != '-')
            {
                id.Append('-');
            }
        }

        var stem = id.ToString().Trim('-');
        return stem.Length == 0 ? "workflow" : stem;
    }

    private Caller? _caller;

    protected override async Task OnInitializedAsync()
    {
        _caller = await DesignerCaller.OfAsync(AuthenticationState);
        await DesignerCaller.LoadAsync(Navigation, LoadAsync);
    }

    private async Task LoadAsync() => _definitions = (await Store.ListAsync(_caller!, 1, PageSize)).Items;

    private string StatusText(DefinitionSummary summary) => summary.PublishedVersion is { } published
        ? (published == summary.LatestVersion ? T["StatusPublished", published].Value : T["StatusDraftOverPublished", summary.LatestVersion, published].Value)
        : T["StatusDraft"].Value;

    private string ChinaTime(DateTimeOffset value) => EngineTime.Format(value, EngineOptions.Value);

    private static string DataUri(string json) => "data:application/json;charset=utf-8," + Uri.EscapeDataString(json);

    // The new definition's id is made from the name (Quarterly review → quarterly-review; 季度评审 → workflow),
    // with -2, -3… added while the id is taken.
    private async Task CreateAsync()
    {
        var name = _newName.Trim();
        if (name.Length == 0)
        {
            return;
        }

        var stem = IdStem(name);
        var id = stem;
        var taken = _definitions.Select(d => d.DefinitionId).ToHashSet(StringComparer.Ordinal);
        for (var n = 2; taken.Contains(id); n++)
        {
            id = $"{stem}-{n}";
        }

        if (await SaveAsync(EmptyFlowchart(id, name), "designer") is { } created)
        {
            Navigation.NavigateTo("designer/" + Uri.EscapeDataString(created.DefinitionId));
        }
    }

    private Task OnNameKeyDownAsync(KeyboardEventArgs e) => e.Key == "Enter" ? CreateAsync() : Task.CompletedTask;

    private async Task ImportAsync()
    {
        // The editor lists the imported draft's validation problems, if it has any.
        if (await SaveAsync(_importJson, T["ImportJson"]) is { } imported)
        {
            Navigation.NavigateTo("designer/" + Uri.EscapeDataString(imported.DefinitionId));
        }
    }

    private async Task<WorkflowDefinition?> SaveAsync(string json, string source)
    {
        _error = null;
        try
        {
            return await Store.ImportAsync(_caller!, json, source);
        }
        catch (DefinitionFormatException e)
        {
            _error = e.Message;
            return null;
        }
    }

    private async Task ExportAsync(string definitionId)
    {
        var definition = await Store.GetAsync(_caller!, definitionId);
        _export = (definitionId, WorkflowDefinitionJson.Write(definition));
    }
}
