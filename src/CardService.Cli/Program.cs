using System.CommandLine;

var root = new RootCommand("cardservice: social cards and SEO checks for a blog's build step.");
return root.Parse(args).Invoke();
