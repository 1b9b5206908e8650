namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The SMTP server the e-mail channel sends through (section <c>Notifications:Email</c>). Without <see cref="Host"/> the
/// channel is not configured and its deliveries wait. Checked at start-up (<see cref="EmailOptionsValidator"/>).
/// </summary>
public sealed class EmailOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Notifications:Email";

    /// <summary>The SMTP server's host name or address. Default none: e-mail is off.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port, 1–65535. Default 587 (submission with <c>STARTTLS</c>).</summary>
    public int Port { get; set; } = 587;

    /// <summary>How the connection is protected. Default <see cref="EmailSecurity.StartTls"/>.</summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>The account to sign in with; default none (no authentication). Set together with <see cref="Password"/>.</summary>
    public string? UserName { get; set; }

    /// <summary>The account's password; keep it out of files (an environment variable or a secret store).</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. <c>duban@ndrc.gov.cn</c>; required when <see cref="Host"/> is set.</summary>
    public string? From { get; set; }

    /// <summary>The sender's name shown to recipients. Default <c>AI+督办</c>.</summary>
    public string FromName { get; set; } = "AI+督办";

    /// <summary>Longest one attempt may take (connecting, signing in, sending), 1 second to 5 minutes. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
