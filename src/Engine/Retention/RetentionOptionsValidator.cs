using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Retention;

/// <summary>Checks <see cref="RetentionOptions"/> at start-up and reports every problem at once, each naming its setting.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        var at = RetentionOptions.SectionName;
        if (!IsCron(options.Schedule))
        {
            failures.Add($"{at}:Schedule must be a Quartz cron expression such as '0 30 2 * * ?' (is '{options.Schedule}').");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add($"{at}:BatchSize must be between 1 and 100000 (is {options.BatchSize}).");
        }

        if (options.Instances.Enabled && string.IsNullOrWhiteSpace(options.ArchiveFolder))
        {
            failures.Add($"{at}:ArchiveFolder is required while {at}:Instances:Enabled is true: archived instances are written there first.");
        }

        CheckKeepFor(failures, $"{at}:Outbox:KeepFor", options.Outbox.KeepFor);
        CheckKeepFor(failures, $"{at}:WebhookDeliveries:KeepFor", options.WebhookDeliveries.KeepFor);
        CheckKeepFor(failures, $"{at}:IdempotencyKeys:KeepFor", options.IdempotencyKeys.KeepFor);
        CheckKeepFor(failures, $"{at}:Notifications:KeepFor", options.Notifications.KeepFor);
        CheckKeepFor(failures, $"{at}:Notifications:KeepUnreadFor", options.Notifications.KeepUnreadFor);
        CheckKeepFor(failures, $"{at}:Instances:KeepFor", options.Instances.KeepFor);
        if (options.Instances.KeepFor < TimeSpan.FromDays(1))
        {
            failures.Add($"{at}:Instances:KeepFor must be at least 1.00:00:00: a finished instance stays readable for a day at least (is {options.Instances.KeepFor}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void CheckKeepFor(List<string> failures, string setting, TimeSpan value)
    {
        if (value < TimeSpan.Zero || value > TimeSpan.FromDays(36_500))
        {
            failures.Add($"{setting} must be between 00:00:00 and 36500.00:00:00 (is {value}).");
        }
    }
}
