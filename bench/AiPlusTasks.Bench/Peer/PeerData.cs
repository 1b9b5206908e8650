namespace AiPlusTasks.Bench.Peer;

/// <summary>The peer workflow's data: three variables set by steps, the event payload, and the branch taken.</summary>
public sealed class PeerData
{
    public string Key { get; set; } = "";

    public int A { get; set; }

    public string? B { get; set; }

    public bool Approved { get; set; }

    public object? Payload { get; set; }

    public string? Branch { get; set; }
}
