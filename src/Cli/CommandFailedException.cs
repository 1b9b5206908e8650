using System.Net;

namespace AiPlusTasks.Cli;

/// <summary>A failure the user can act on: its message is printed as it is, and the exit code is <see cref="ExitCodes.Failure"/>.</summary>
/// <param name="message">What went wrong, in words.</param>
/// <param name="status">The server's status code when the server refused.</param>
public sealed class CommandFailedException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? Status => status;
}
