using System.Net;
using NeglectAudit.IntegrationTests.Infrastructure;

namespace NeglectAudit.IntegrationTests.Returns;

/// <summary>
/// One agency auditor's browser, without JavaScript: its own cookies, no automatic redirects. Opens
/// the emailed link, keeps the session cookie it is exchanged for, and posts the form as the page does.
/// </summary>
public sealed class AuditorSession : IDisposable
{
    private readonly HttpClient _http;

    public AuditorSession(LocalHostFixture host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true }) { BaseAddress = host.Host.BaseUrl };
    }

    public CookieContainer Cookies { get; }

    /// <summary>The return's own address (no token), once the link was opened.</summary>
    public string ReturnPath { get; private set; } = string.Empty;

    public HttpClient Http => _http;

    /// <summary>Opens the emailed link: expects a redirect to the return's address and a session cookie.</summary>
    public async Task<HttpResponseMessage> OpenAsync(string link)
    {
        HttpResponseMessage response = await _http.GetAsync(link);
        if (response.StatusCode == HttpStatusCode.SeeOther)
        {
            ReturnPath = response.Headers.Location!.OriginalString.TrimStart('/');
        }

        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string suffix = "") => _http.GetAsync(ReturnPath + suffix);

    public Task<HttpResponseMessage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(ReturnPath, new FormUrlEncodedContent(fields));

    /// <summary>Answers and a submit, based on the given version, as a one-page post.</summary>
    public Task<HttpResponseMessage> SubmitAsync(IEnumerable<KeyValuePair<string, string>> answers, int basedOn = 0) =>
        PostAsync(answers.Where(p => p.Key is not ("action" or "basedOn")).Append(new("action", "submit")).Append(new("basedOn", basedOn.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public void Dispose() => _http.Dispose();
}
