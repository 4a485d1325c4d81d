using Azure.Core;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;

namespace NeglectAudit.Notifications;

/// <summary>
/// Sends Teams notices as activity-feed notifications through Microsoft Graph
/// (<c>POST /users/{id}/teamwork/sendActivityNotification</c>, permission TeamsActivity.Send):
/// Graph refuses app-only posts to channels, and the feed reaches guests too.
/// </summary>
public sealed class GraphTeamsNotifier : ITeamsNotifier, IDisposable
{
    private const string GraphScope = "https://graph.microsoft.com/.default";
    private readonly GraphServiceClient _graph;

    public GraphTeamsNotifier(HttpClient httpClient, TokenCredential credential, IOptions<GraphOptions> options)
    {
        string? baseUrl = options.Value.BaseUrl;
        string host = baseUrl is null ? "graph.microsoft.com" : new Uri(baseUrl).Host;
        var tokens = new AzureIdentityAccessTokenProvider(credential, [host], null, isCaeEnabled: false, GraphScope);
        _graph = new GraphServiceClient(httpClient, new BaseBearerTokenAuthenticationProvider(tokens), baseUrl);
    }

    public void Dispose() => _graph.Dispose();

    public async Task NotifyAsync(TeamsNotice notice, CancellationToken cancellationToken = default)
    {
        var body = new SendActivityNotificationPostRequestBody
        {
            Topic = new TeamworkActivityTopic
            {
                Source = TeamworkActivityTopicSource.Text,
                Value = notice.Topic,
                WebUrl = notice.Link.ToString(),
            },
            ActivityType = "systemDefault",
            PreviewText = new ItemBody { Content = notice.PreviewText },
            TemplateParameters =
            [
                new Microsoft.Graph.Models.KeyValuePair { Name = "systemDefaultText", Value = notice.PreviewText },
            ],
        };

        await _graph.Users[notice.UserId].Teamwork.SendActivityNotification.PostAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
