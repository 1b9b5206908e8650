using System.Collections.Concurrent;
using AiPlusTasks.Engine.Notifications;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>
/// A stand-in for a mail or SMS server, for the pipeline's own semantics (retries, quiet hours, who gets what): records
/// every attempt, and refuses the next <see cref="FailNext"/> attempts as an outage would. The real SMTP and SMS
/// channels are tested against real servers elsewhere.
/// </summary>
public sealed class RecordingChannel(string name) : INotificationChannel
{
    private int _failuresToCome;

    public string Name { get; } = name;

    public bool IsConfigured => true;

    /// <summary>Every attempt, failed or not, in order.</summary>
    public ConcurrentQueue<OutgoingMessage> Attempts { get; } = new();

    /// <summary>The messages accepted.</summary>
    public ConcurrentQueue<OutgoingMessage> Accepted { get; } = new();

    /// <summary>Makes the next <paramref name="count"/> attempts fail with a transient error.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToCome, count);

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(message);
        if (Interlocked.Decrement(ref _failuresToCome) >= 0)
        {
            throw new NotificationSendException("connection refused by the test server", permanent: false);
        }

        Accepted.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>What reached <paramref name="address"/>.</summary>
    public List<OutgoingMessage> To(string address) => [.. Accepted.Where(m => m.Address == address)];
}
