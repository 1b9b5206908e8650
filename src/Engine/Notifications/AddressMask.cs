namespace AiPlusTasks.Engine.Notifications;

/// <summary>Masks e-mail addresses and mobile numbers for logs and for people other than their owner.</summary>
public static class AddressMask
{
    /// <summary><c>zhang.wei@example.cn</c> → <c>zh***@example.cn</c>; <c>13800138000</c> → <c>138****8000</c>.</summary>
    public static string Mask(string channel, string address)
    {
        if (channel == NotificationChannels.Email)
        {
            var at = address.IndexOf('@', StringComparison.Ordinal);
            return at <= 0 ? "***" : string.Concat(address.AsSpan(0, Math.Min(2, at)), "***", address.AsSpan(at));
        }

        return address.Length <= 7 ? "****" : string.Concat(address.AsSpan(0, 3), "****", address.AsSpan(address.Length - 4));
    }
}
