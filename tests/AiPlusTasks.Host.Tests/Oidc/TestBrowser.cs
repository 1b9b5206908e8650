using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>
/// What a browser does in a redirect-based sign-in, over real HTTP: keeps cookies (per host, as a browser does) and
/// follows redirects from one server to the other, remembering every address it visited.
/// </summary>
public sealed partial class TestBrowser : IDisposable
{
    private readonly HttpClient _http;

    public TestBrowser(Uri site)
    {
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = site };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every address requested, redirects included, in order.</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>GET, following redirects; the last answer.</summary>
    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>POST of a form, following redirects; the last answer.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, IReadOnlyDictionary<string, string> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>One request, redirects not followed (to read where the site sends the browser).</summary>
    public async Task<HttpResponseMessage> SendWithoutFollowingAsync(HttpMethod method, string url, IReadOnlyDictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        Visited.Add(new Uri(_http.BaseAddress!, url));
        return await _http.SendAsync(request);
    }

    /// <summary>GET of a JSON answer that must be 200.</summary>
    public async Task<JsonNode> GetJsonAsync(string url)
    {
        var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>The value of a hidden input in a page (e.g. the antiforgery token) in the first form posting to <paramref name="action"/>.</summary>
    public static string HiddenField(string html, string action, string name)
    {
        var form = Regex.Match(html, $"<form[^>]*action=\"{Regex.Escape(action)}\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, $"no form posting to {action} in the page");
        var input = Regex.Match(form.Groups[1].Value, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(input.Success, $"no field {name} in the form posting to {action}");
        return WebUtility.HtmlDecode(input.Groups[1].Value);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        for (var hops = 0; ; hops++)
        {
            Assert.True(hops < 20, $"too many redirects: {string.Join(" → ", Visited)}");
            var address = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(_http.BaseAddress!, request.RequestUri);
            request.RequestUri = address;
            Visited.Add(address);
            var response = await _http.SendAsync(request);
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is null)
            {
                return response;
            }

            var next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(address, response.Headers.Location);
            response.Dispose();
            request = new HttpRequestMessage(HttpMethod.Get, next);
        }
    }

    public void Dispose() => _http.Dispose();
}
