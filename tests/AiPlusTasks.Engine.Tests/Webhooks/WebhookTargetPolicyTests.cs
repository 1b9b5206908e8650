using System.Net;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Tests.Webhooks;

/// <summary>The SSRF rule on webhook targets, address by address, including the IPv6 forms that carry an IPv4 address.</summary>
[Trait("Category", "Security")]
public sealed class WebhookTargetPolicyTests
{
    private static WebhookTargetPolicy Policy(bool allowLoopback = false, params string[] allowed) =>
        new(Options.Create(new WebhookOptions { AllowLoopback = allowLoopback, AllowedNetworks = [.. allowed] }));

    [Theory]
    [InlineData("::127.0.0.1")] // IPv4-compatible loopback
    [InlineData("::10.0.0.1")] // IPv4-compatible private
    [InlineData("::8.8.8.8")] // IPv4-compatible, deprecated whatever it carries
    [InlineData("64:ff9b::7f00:1")] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a00:1")] // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1")] // local-use NAT64
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    [InlineData("fec0::1")] // site-local
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("100::1")]
    [InlineData("::")]
    [InlineData("192.0.2.1")]
    public void Allows_AddressThatReachesInside_IsRefused(string address)
    {
        Assert.False(Policy().Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::1")]
    public void Allows_LoopbackAllowed_StillRefusesLoopbackCarriedInIPv6(string address)
    {
        Assert.False(Policy(allowLoopback: true).Allows(IPAddress.Parse(address)));
        Assert.True(Policy(allowLoopback: true).Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(Policy(allowLoopback: true).Allows(IPAddress.Parse("::ffff:127.0.0.1")));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2400:3200::1")]
    [InlineData("64:ff9b::808:808")] // NAT64 of a public address (DNS64 networks)
    [InlineData("2002:808:808::1")] // 6to4 of a public address
    [InlineData("::ffff:8.8.8.8")]
    public void Allows_PublicAddress_IsAllowed(string address)
    {
        Assert.True(Policy().Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allows_AllowedNetwork_CoversItsNat64Form()
    {
        var policy = Policy(false, "10.20.0.0/16");

        Assert.True(policy.Allows(IPAddress.Parse("10.20.1.2")));
        Assert.True(policy.Allows(IPAddress.Parse("64:ff9b::a14:102")));
        Assert.False(policy.Allows(IPAddress.Parse("64:ff9b::a15:102")));
    }
}
