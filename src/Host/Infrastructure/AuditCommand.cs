using System.Globalization;
using AiPlusTasks.Engine.Audit;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// <c>dotnet run --project src/Host -- audit verify</c>: checks the audit trail's hash chain on the configured database
/// without starting the web server, prints what it found and exits 0 when the chain is intact, 1 when it is broken (2 for
/// an unknown command). It seals the lines written so far first, as <c>GET /api/audit/verify</c> does.
/// </summary>
public static class AuditCommand
{
    /// <summary>True when the command line asks for an audit command rather than the server.</summary>
    public static bool Requested(string[] args) => args is ["audit", ..];

    /// <summary>The arguments left for the host's configuration (the command words removed).</summary>
    public static string[] HostArguments(string[] args) => Requested(args) ? args[Math.Min(args.Length, 2)..] : args;

    /// <summary>Runs the command; returns the process's exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (args is not ["audit", "verify", ..])
        {
            await output.WriteLineAsync("usage: audit verify");
            return 2;
        }

        var result = await services.GetRequiredService<AuditSealer>().VerifyAsync(cancellationToken);
        await output.WriteLineAsync(Describe(result));
        return result.Intact ? 0 : 1;
    }

    /// <summary>The result in a few lines of English (operators read it).</summary>
    public static string Describe(AuditVerification result)
    {
        var head = result.HeadSequence is { } sequence
            ? string.Create(CultureInfo.InvariantCulture, $"last good line: sequence {sequence}, hash {result.HeadHash}")
            : "no sealed line before it";
        return result.Break is { } broken
            ? string.Create(CultureInfo.InvariantCulture, $"audit trail BROKEN at sequence {broken.Sequence} (entry {broken.EntryId}, {broken.Kind}): {broken.Message}\n{result.Checked} lines intact before it; {head}")
            : string.Create(CultureInfo.InvariantCulture, $"audit trail intact: {result.Checked} lines checked, {result.Unsealed} unsealed; {head}");
    }
}
