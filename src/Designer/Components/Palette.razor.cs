using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Designer.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Components;

/// <summary>The activity palette: the catalog's groups in the current language, filtered by the search text.</summary>
public sealed partial class Palette
{
    [Inject]
    private ActivityCatalog Catalog { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    /// <summary>Raised with the activity type when an item is chosen with the keyboard (Enter) or double-clicked.</summary>
    [Parameter]
    public EventCallback<string> OnAdd { get; set; }

    /// <summary>Raised with the activity type when an item starts being dragged (the canvas reads it on drop).</summary>
    [Parameter]
    public EventCallback<string> OnDragStart { get; set; }

    /// <summary>The search text: matches the type's name in the current language or its type name, ignoring case.</summary>
    private string Search { get; set; } = "";

    private IReadOnlyList<ActivityGroup> VisibleGroups =>
    [
        .. Catalog.Groups
            .Select(g => g with { Types = [.. g.Types.Where(d => Matches(d.Type))] })
            .Where(g => g.Types.Count > 0),
    ];

    private bool Matches(string type)
    {
        var search = Search.Trim();
        return search.Length == 0
            || Catalog.DisplayName(type).Contains(search, StringComparison.CurrentCultureIgnoreCase)
            || type.Contains(search, StringComparison.OrdinalIgnoreCase);
    }

    private Task OnKeyDownAsync(KeyboardEventArgs e, string type) =>
        e.Key is "Enter" ? OnAdd.InvokeAsync(type) : Task.CompletedTask;
}
