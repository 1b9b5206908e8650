namespace AiPlusTasks.Engine.Notifications;

/// <summary>How the e-mail channel protects its connection to the SMTP server (<see cref="EmailOptions.Security"/>).</summary>
public enum EmailSecurity
{
    /// <summary>Plain SMTP without TLS: only for a server on the same machine or a test server.</summary>
    None,

    /// <summary>Connect in plain text, then require <c>STARTTLS</c> (usually port 587); a server without it is an error.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>MailKit's choice by port: TLS on connect for 465, otherwise <c>STARTTLS</c> when the server offers it.</summary>
    Auto,
}
