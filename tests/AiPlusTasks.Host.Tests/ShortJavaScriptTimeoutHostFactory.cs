namespace AiPlusTasks.Host.Tests;

/// <summary>
/// A host whose JavaScript sandbox gives up after 200 ms, so a runaway script faults quickly. The statement limit is
/// lifted so that the time limit, not the statement count, is what stops <c>while(true){}</c>.
/// </summary>
public sealed class ShortJavaScriptTimeoutHostFactory : HostFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Engine:JavaScript:Timeout"] = "00:00:00.200",
        ["Engine:JavaScript:StatementLimit"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
