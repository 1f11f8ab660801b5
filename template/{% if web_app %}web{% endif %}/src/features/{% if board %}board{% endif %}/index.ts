import { lazyPage, type Capability } from "../../site";

const postForm = () => import("./PostForm");

/** Anyone reads the board; writing needs a signed-in user (the sign-in form otherwise). */
export const board: Capability = {
  nav: { to: "/board", label: "nav.board" },
  signedIn: false,
  routes: [
    { path: "board", Component: lazyPage(() => import("./BoardPage"), "BoardPage") },
    { path: "board/:postId", Component: lazyPage(() => import("./PostPage"), "PostPage") },
  ],
  signedInRoutes: [
    { path: "board/new", Component: lazyPage(postForm, "NewPostPage") },
    { path: "board/:postId/edit", Component: lazyPage(postForm, "EditPostPage") },
  ],
};
