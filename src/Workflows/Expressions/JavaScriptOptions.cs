using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>Sandbox limits for JavaScript expressions (section <c>Engine:JavaScript</c>).</summary>
public sealed class JavaScriptOptions
{
    public const string SectionName = "Engine:JavaScript";

    /// <summary>Wall-clock limit of one evaluation. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest one match of a regular expression may run before the script fails. Default 1 second; never more than
    /// <see cref="Timeout"/> (a longer value is cut to it), since a match cannot be interrupted between statements.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bytes one evaluation may allocate. Default 32 MiB.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MemoryLimitBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Deepest call stack a script may build. Default 128.</summary>
    [Range(1, 10_000)]
    public int RecursionLimit { get; set; } = 128;

    /// <summary>Most statements one evaluation may run. Default 1,000,000.</summary>
    [Range(1, int.MaxValue)]
    public int StatementLimit { get; set; } = 1_000_000;
}
