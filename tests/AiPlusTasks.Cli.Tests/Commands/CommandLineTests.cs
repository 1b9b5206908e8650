namespace AiPlusTasks.Cli.Tests.Commands;

/// <summary>Exit codes without a server: a wrong command line is 2, a server that is not there is 1 and names the URL.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CliRun _cli = new(host: null);

    [Fact]
    public async Task Run_UnknownCommandMissingArgumentOrBadUrl_ExitsTwo()
    {
        // Act
        var unknown = await _cli.RunAsync("definitions", "shove", "workflows");
        var missing = await _cli.RunAsync("instances", "start");
        var badUrl = await _cli.RunAsync("definitions", "publish", "hello-world", "--url", "localhost:5080");

        // Assert
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("--url localhost:5080: an http:// or https:// address is expected", badUrl.Error, StringComparison.Ordinal);
        Assert.Contains("aiplus --help", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NothingListensAtTheUrl_SaysWhichUrlAndExitsOne()
    {
        // Act: port 9 (discard) on loopback has no listener here.
        var result = await _cli.RunAsync("definitions", "publish", "hello-world", "--url", "http://127.0.0.1:9");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot reach http://127.0.0.1:9/", result.Error, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
