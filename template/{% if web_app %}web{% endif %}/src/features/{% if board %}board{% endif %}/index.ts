import type { Capability } from "../../site";
import { BoardPage } from "./BoardPage";
import { EditPostPage, NewPostPage } from "./PostForm";
import { PostPage } from "./PostPage";

/** Anyone reads the board; writing needs a signed-in user (the sign-in form otherwise). */
export const board: Capability = {
  nav: { to: "/board", label: "nav.board" },
  signedIn: false,
  routes: [
    { path: "board", Component: BoardPage },
    { path: "board/:postId", Component: PostPage },
  ],
  signedInRoutes: [
    { path: "board/new", Component: NewPostPage },
    { path: "board/:postId/edit", Component: EditPostPage },
  ],
};
