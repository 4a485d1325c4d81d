using System.Net;

namespace NeglectAudit.IntegrationTests.Infrastructure;

/// <summary>
/// An auditor following the emailed link as a browser does: the link is exchanged for a session
/// cookie and a redirect to the return's own address, whose form is then read and posted.
/// </summary>
public static class ReturnLink
{
    /// <summary>Opens the link, reads the form and posts the fields (first submission); the status of the post.</summary>
    public static async Task<HttpStatusCode> SubmitAsync(Uri baseUrl, string link, IEnumerable<KeyValuePair<string, string>> fields)
    {
        (HttpClient http, string path) = await OpenAsync(baseUrl, link);
        using (http)
        {
            (await http.GetAsync(path)).Dispose();
            List<KeyValuePair<string, string>> form = fields.Where(f => f.Key != "basedOn").Append(new("basedOn", "0")).ToList();
            using HttpResponseMessage posted = await http.PostAsync(path, new FormUrlEncodedContent(form));
            return posted.StatusCode;
        }
    }

    /// <summary>A client holding the session the link opened, and the return's address.</summary>
    public static async Task<(HttpClient Http, string ReturnPath)> OpenAsync(Uri baseUrl, string link)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = baseUrl };
        using HttpResponseMessage opened = await http.GetAsync(link);
        Assert.True(opened.StatusCode == HttpStatusCode.SeeOther, $"The link answered {(int)opened.StatusCode}, not a redirect to its return.");
        return (http, opened.Headers.Location!.OriginalString.TrimStart('/'));
    }
}
