namespace AiPlusTasks.Engine.Retention;

/// <summary>One kind of row retention prunes: whether it does, and how long a row is kept once it is no longer needed.</summary>
public class RetentionKind
{
    /// <summary>Whether retention prunes this kind. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a row is kept after it stopped being needed (the kind's own rule says from when).</summary>
    public TimeSpan KeepFor { get; set; }
}
