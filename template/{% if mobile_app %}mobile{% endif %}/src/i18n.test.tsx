import { render, screen } from "@testing-library/react-native";
import { ApiError } from "@web/api/client";
import { deviceLanguage, I18nProvider, translate } from "./i18n";
import { storeKey } from "./secureStorage";
import { ErrorText } from "./ui";

describe("the web app's dictionaries", () => {
  it("speak Korean and English", () => {
    expect(translate("ko")("auth.signIn")).toBe("로그인");
    expect(translate("en")("files.open", { name: "a.txt" })).toBe("Open a.txt");
  });

  it("start in the phone's language where the app speaks it, else English", () => {
    expect(deviceLanguage("ko-KR")).toBe("ko");
    expect(deviceLanguage("fr-FR")).toBe("en");
  });

  it("say the API's errors by their code, as the web app does", () => {
    render(
      <I18nProvider>
        <ErrorText error={new ApiError(404, "Post not found", "post_not_found")} />
      </I18nProvider>,
    );
    expect(screen.getByText("This post does not exist or was removed.")).toBeOnTheScreen();
  });
});

describe("the secure storage", () => {
  it("keeps Amplify's keys under names SecureStore takes", () => {
    expect(storeKey("CognitoIdentityServiceProvider.abc.ana@example.com.idToken")).toBe(
      "CognitoIdentityServiceProvider.abc.ana_example.com.idToken",
    );
  });
});
