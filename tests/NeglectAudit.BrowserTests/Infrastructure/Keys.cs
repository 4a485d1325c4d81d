using Microsoft.Playwright;

namespace NeglectAudit.BrowserTests.Infrastructure;

/// <summary>
/// Working a page with the keyboard alone: focus a control (as Tab would), type, tick with Space,
/// move through a select's options with the arrow keys, open a details with Enter, and follow
/// Tab through the whole page to prove that nothing traps the focus or is left out.
/// </summary>
internal static class Keys
{
    /// <summary>
    /// Marks every control Tab should stop at, in page order (one stop per radio group), or -1 for
    /// the other radios of a group; returns how many stops there are.
    /// </summary>
    private const string MarkTabStops = """
        () => {
          const inClosedDetails = e => {
            for (let d = e.closest('details'); d; d = d.parentElement?.closest('details')) {
              if (!d.open && !d.querySelector(':scope > summary')?.contains(e)) return true;
            }
            return false;
          };
          const candidates = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
            .filter(e => !e.disabled && e.getAttribute('tabindex') !== '-1' && e.getClientRects().length > 0 && !inClosedDetails(e));
          const groups = new Map();
          let stops = 0;
          for (const e of candidates) {
            if (e.type === 'radio') {
              if (!groups.has(e.name)) groups.set(e.name, String(stops++));
              e.dataset.tabStop = groups.get(e.name);
            } else {
              e.dataset.tabStop = String(stops++);
            }
          }
          return stops;
        }
        """;

    /// <summary>
    /// Presses Tab from the top of the page until the focus leaves it, and checks that it stopped
    /// at every control in page order, each once, then left the page or came round to the first: no
    /// control is skipped, none traps the focus, and no tabindex reorders the page. Returns the number of stops.
    /// </summary>
    public static async Task<int> AssertTabReachesEveryControlInOrderAsync(IPage page, string what)
    {
        int stops = await page.EvaluateAsync<int>(MarkTabStops);
        await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var reached = new List<string>();
        for (int i = 0; i <= stops + 1; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            string stop = await page.EvaluateAsync<string>("() => document.activeElement === document.body || document.activeElement === null ? 'out' : (document.activeElement.dataset.tabStop ?? 'unmarked ' + document.activeElement.outerHTML.slice(0, 120))");
            // Past the last control the focus leaves the document, or (without browser chrome) comes round to the first.
            if (stop == "out" || (reached.Count == stops && stop == "0"))
            {
                break;
            }

            reached.Add(stop);
        }

        string[] expected = [.. Enumerable.Range(0, stops).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        Assert.True(
            expected.SequenceEqual(reached),
            $"On {what}, Tab should stop at the {stops} controls in page order and then leave the page; it stopped at: {string.Join(", ", reached)}");
        await page.EvaluateAsync("() => document.querySelectorAll('[data-tab-stop]').forEach(e => delete e.dataset.tabStop)");
        return stops;
    }

    public static async Task TypeAsync(IPage page, string selector, string text)
    {
        await page.FocusAsync(selector);
        await page.Keyboard.PressAsync("ControlOrMeta+a");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Focuses a checkbox and ticks it with Space.</summary>
    public static async Task TickAsync(IPage page, string selector)
    {
        await page.FocusAsync(selector);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.IsCheckedAsync(selector), $"{selector} was not ticked by Space.");
    }

    /// <summary>Focuses a select and moves to the option with <paramref name="value"/> with the arrow keys, as a keyboard user does on a closed select.</summary>
    public static async Task ChooseOptionAsync(IPage page, string selector, string value)
    {
        int[] where = await page.EvalOnSelectorAsync<int[]>(selector, "(s, v) => [s.selectedIndex, [...s.options].findIndex(o => o.value === v)]", value);
        Assert.True(where[1] >= 0, $"{selector} has no option {value}.");
        await page.FocusAsync(selector);
        for (int i = where[0]; i != where[1]; i += Math.Sign(where[1] - where[0]))
        {
            await page.Keyboard.PressAsync(where[1] > where[0] ? "ArrowDown" : "ArrowUp");
        }

        Assert.Equal(value, await page.InputValueAsync(selector));
    }

    /// <summary>Focuses a details' summary and opens it with Enter.</summary>
    public static async Task OpenDetailsAsync(IPage page, ILocator summary)
    {
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await summary.EvaluateAsync<bool>("s => s.parentElement.open"), "Enter did not open the details.");
    }

    /// <summary>Focuses a link and follows it with Enter.</summary>
    public static async Task FollowAsync(IPage page, ILocator link)
    {
        await link.FocusAsync();
        await Returns.Pages.PressAndWaitForNextPageAsync(page, "Enter");
    }

    /// <summary>The id of the focused element.</summary>
    public static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");
}
