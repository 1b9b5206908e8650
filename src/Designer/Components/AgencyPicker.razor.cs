using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Engine.Directory;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Components;

/// <summary>Picks one agency or several by name from the directory; the value is their codes joined by commas.</summary>
public sealed partial class AgencyPicker
{
    private string? _search;
    private bool _all;
    private bool _started;

    /// <summary>The element id of the list (one agency) or of the picker's group (several).</summary>
    [Parameter]
    [EditorRequired]
    public string Id { get; set; } = "";

    /// <summary>Which agencies are offered. Default ministries and province-level units.</summary>
    [Parameter]
    public AgencyScope Scope { get; set; } = AgencyScope.All;

    /// <summary>Several agencies (a checklist) rather than one (a list). Default one.</summary>
    [Parameter]
    public bool Multiple { get; set; }

    /// <summary>Choosing none means all province-level units: the picker offers that as a shortcut, on at first. Default false.</summary>
    [Parameter]
    public bool AllWhenEmpty { get; set; }

    /// <summary>The chosen codes joined by commas; empty for none.</summary>
    [Parameter]
    public string Value { get; set; } = "";

    /// <summary>Raised with the new value when the choice changes.</summary>
    [Parameter]
    public EventCallback<string> ValueChanged { get; set; }

    [Inject]
    private AgencyDirectory Directory { get; set; } = default!;

    [Inject]
    private DisplayNames Names { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    private IReadOnlyList<string> Chosen => WorkflowInputForm.AgencyCodes(Value);

    protected override void OnParametersSet()
    {
        if (!_started)
        {
            _started = true;
            _all = AllWhenEmpty && Chosen.Count == 0;
        }
    }

    /// <summary>The offered agencies in their groups, those named like the search text only (the directory's name search).</summary>
    private IEnumerable<(string Group, IReadOnlyList<Agency> Agencies)> Groups()
    {
        var named = string.IsNullOrWhiteSpace(_search) ? null : Names.AgenciesNamed(_search).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<Agency> Offered(IReadOnlyList<Agency> agencies) =>
            named is null ? agencies : [.. agencies.Where(a => named.Contains(a.Code))];

        if (Scope != AgencyScope.Provinces && Offered(Directory.Ministries) is { Count: > 0 } ministries)
        {
            yield return (T["PickerMinistries"], ministries);
        }

        if (Scope != AgencyScope.Ministries && Offered(Directory.Provinces) is { Count: > 0 } provinces)
        {
            yield return (T["PickerProvinces"], provinces);
        }
    }

    private Task SetAsync(string? value) => ValueChanged.InvokeAsync(value ?? "");

    private Task ToggleAsync(string code)
    {
        var chosen = Chosen.ToList();
        if (!chosen.Remove(code))
        {
            chosen.Add(code);
        }

        return SetAsync(string.Join(',', chosen));
    }

    private Task ChooseAllAsync(bool all)
    {
        _all = all;
        return SetAsync("");
    }
}
