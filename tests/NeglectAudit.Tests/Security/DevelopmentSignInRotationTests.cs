using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeglectAudit.Returns;
using NeglectAudit.Security;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Security;

/// <summary>The development sign-in's cookie is signed with the link key, so it survives a rotation as links do.</summary>
public sealed class DevelopmentSignInRotationTests
{
    private const string OldKey = "the-key-before-the-rotation-000000000000000000000000000000000000";
    private const string NewKey = "the-key-after-the-rotation-1111111111111111111111111111111111111";

    [Fact]
    public async Task A_sign_in_made_before_a_rotation_holds_during_it_and_ends_when_the_old_key_is_dropped()
    {
        string cookie = await SignInAsync(Keys(OldKey, null));

        Assert.NotNull(Read(cookie, Keys(NewKey, OldKey)));
        Assert.Null(Read(cookie, Keys(NewKey, null)));
        Assert.NotNull(Read(await SignInAsync(Keys(NewKey, OldKey)), Keys(NewKey, null)));
    }

    private static IOptions<LinkOptions> Keys(string current, string? previous) =>
        Options.Create(new LinkOptions { PublicBaseUrl = "http://localhost", TokenHashKey = current, PreviousTokenHashKey = previous });

    private static async Task<string> SignInAsync(IOptions<LinkOptions> links)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?role=" + Roles.Coordinator);
        await new DevelopmentSignIn(Options.Create(new SecurityOptions { DevelopmentSignIn = true }), links, Render.Renderer).SignInAsync(context.Request);
        string header = context.Response.Headers.SetCookie.ToString();
        Assert.StartsWith(AccessPolicy.DevelopmentCookie + "=", header, StringComparison.Ordinal);
        return header.Split(';')[0];
    }

    private static string? Read(string cookie, IOptions<LinkOptions> links)
    {
        using ServiceProvider services = new ServiceCollection().AddSingleton(links).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers.Cookie = cookie;
        return DevelopmentSignIn.Read(context);
    }
}
